import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared reference data (official ORUK schemas, fixtures…) lives beside the project, not in it:
 * it is someone else's licensed material and must not be copied in. Tests find it here and skip,
 * loudly, when it is absent, unless REQUIRE_SHARED=1 (CI) makes that a failure.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** SHARED_DIR if set, else ../shared beside the project; undefined when that directory does not exist. */
export function sharedDir(): string | undefined {
  const dir = process.env.SHARED_DIR
    ? path.resolve(process.env.SHARED_DIR)
    : path.resolve(projectRoot, '../shared');
  return isDirectory(dir) ? dir : undefined;
}

/**
 * The shared directory, for a test that needs `what` from it. When it is absent: throws under
 * REQUIRE_SHARED=1, otherwise warns (so the skip shows in the output) and returns undefined.
 */
export function requireShared(what: string): string | undefined {
  const dir = sharedDir();
  if (dir) return dir;
  const looked = process.env.SHARED_DIR
    ? `SHARED_DIR=${process.env.SHARED_DIR}`
    : path.resolve(projectRoot, '../shared');
  if (process.env.REQUIRE_SHARED === '1') {
    throw new Error(
      `REQUIRE_SHARED=1 but ${what} cannot be found: no directory at ${looked}. ` +
        'Set SHARED_DIR to the shared reference data directory (the one holding oruk/3.0).',
    );
  }
  console.warn(`SKIPPING ${what}: ../shared not found (looked at ${looked}); set SHARED_DIR`);
  return undefined;
}

/** <shared>/oruk/3.0 (schema/, examples/, validator-fixtures/), when present. */
export function orukDir(): string | undefined {
  const shared = sharedDir();
  if (!shared) return undefined;
  const dir = path.join(shared, 'oruk', '3.0');
  return isDirectory(dir) ? dir : undefined;
}
