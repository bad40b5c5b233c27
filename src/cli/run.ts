import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { DatabaseDirectoryError } from '../db/pglite.ts';

/**
 * Runs a command against the configured database, always closing it (and so releasing the PGlite
 * lock), and turns failures into one plain line and exit code 1, never a stack trace.
 */
export async function runWithDatabase(
  name: string,
  command: (config: Config, database: DatabaseHandle) => Promise<void>,
  check?: (config: Config) => void,
): Promise<void> {
  try {
    const config = loadConfig();
    check?.(config);
    const database = await openDatabase(config);
    try {
      await command(config, database);
    } finally {
      await database.close();
    }
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof DatabaseDirectoryError;
    console.error(known ? (error as Error).message : `${name} failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
