import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
export const assetsOutputDir = path.join(projectRoot, '.cache', 'assets');

function sourcesDigest(brandColour: string): string {
  const hash = createHash('sha256').update(brandColour);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(here);
  for (const pkg of ['govuk-frontend', '@ministryofjustice/frontend']) {
    hash.update(readFileSync(path.join(projectRoot, 'node_modules', pkg, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

export type BuiltAssets = { stylesheet: string; script: string };

/**
 * Compiles the stylesheet with the area's brand colour and publishes the script, both under a
 * content hash. Compiled once per colour and source version, so a warm start reuses the result.
 */
export async function buildAssets(brandColour: string): Promise<BuiltAssets> {
  const digest = sourcesDigest(brandColour);
  const cssName = `application-${digest}.css`;
  const jsName = `application-${digest}.mjs`;
  const cssPath = path.join(assetsOutputDir, cssName);
  const jsPath = path.join(assetsOutputDir, jsName);
  if (!existsSync(cssPath) || !existsSync(jsPath)) {
    mkdirSync(assetsOutputDir, { recursive: true });
    const sass = await import('sass');
    const source = `$app-brand-colour: ${brandColour};\n${readFileSync(path.join(here, 'scss', 'application.scss'), 'utf8')}`;
    const result = sass.compileString(source, {
      loadPaths: [projectRoot],
      style: 'compressed',
      quietDeps: true,
      // Deprecation notices from the design systems' own code are theirs to fix, not ours.
      logger: {
        warn: (message, options) => {
          const where = `${options.span?.url?.pathname ?? ''} ${options.stack ?? ''}`;
          if (!/node_modules\/@ministryofjustice/.test(where)) console.warn(message);
        },
      },
      silenceDeprecations: ['import'],
      url: new URL(`file://${path.join(here, 'scss', 'application.scss')}`),
    });
    // Written then renamed, so a concurrent start never serves half a file.
    writeFileSync(`${cssPath}.tmp-${process.pid}`, result.css);
    renameSync(`${cssPath}.tmp-${process.pid}`, cssPath);
    writeFileSync(`${jsPath}.tmp-${process.pid}`, readFileSync(path.join(here, 'js', 'application.mjs')));
    renameSync(`${jsPath}.tmp-${process.pid}`, jsPath);
  }
  return { stylesheet: `/assets/app/${cssName}`, script: `/assets/app/${jsName}` };
}
