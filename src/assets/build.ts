import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
export const assetsOutputDir = path.join(projectRoot, '.cache', 'assets');

/**
 * The design systems' scripts that application.mjs may import by their plain URLs. Those it does
 * import are published beside it under a content hash (so they are cached for a year and
 * precompressed like our own files) and the import is rewritten to point there.
 */
const vendorScripts = [
  {
    specifier: '/assets/govuk/govuk-frontend.min.js',
    file: path.join(projectRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'),
    name: 'govuk-frontend',
  },
  {
    specifier: '/assets/moj/moj-frontend.min.js',
    file: path.join(
      projectRoot,
      'node_modules',
      '@ministryofjustice',
      'frontend',
      'moj',
      'moj-frontend.min.js',
    ),
    name: 'moj-frontend',
  },
];

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

/** The suffixes of the precompressed siblings that @fastify/static's `preCompressed` looks for. */
export const precompressedSuffixes = ['.br', '.gz'] as const;

// Written then renamed, so a concurrent start never serves half a file.
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** Brotli at its highest quality and gzip at level 9: slow, but paid once per build, not per request. */
export function precompress(data: Buffer): { br: Buffer; gz: Buffer } {
  return {
    br: brotliCompressSync(data, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 11,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz: gzipSync(data, { level: 9 }),
  };
}

/** Publishes a file with its `.br` and `.gz` siblings; the siblings first, so the plain file's presence means all three are there. */
function publish(file: string, data: Buffer): void {
  const { br, gz } = precompress(data);
  writeAtomically(`${file}.br`, br);
  writeAtomically(`${file}.gz`, gz);
  writeAtomically(file, data);
}

function published(file: string): boolean {
  return existsSync(file) && precompressedSuffixes.every((suffix) => existsSync(`${file}${suffix}`));
}

/**
 * Compiles the stylesheet with the area's brand colour and publishes the script, and the design
 * system scripts it imports, under content hashes, each with brotli and gzip siblings. Built once
 * per colour and source version, so a warm start reuses the result.
 */
export async function buildAssets(brandColour: string): Promise<BuiltAssets> {
  const digest = sourcesDigest(brandColour);
  const cssName = `application-${digest}.css`;
  const jsName = `application-${digest}.mjs`;
  const cssPath = path.join(assetsOutputDir, cssName);
  const jsPath = path.join(assetsOutputDir, jsName);

  const scriptSource = readFileSync(path.join(here, 'js', 'application.mjs'), 'utf8');
  const vendors = vendorScripts
    .filter((vendor) => scriptSource.includes(vendor.specifier))
    .map((vendor) => {
      // The source map is not published, so the comment that points to it is dropped.
      const content = readFileSync(vendor.file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
      const name = `${vendor.name}-${hash}.min.js`;
      return { ...vendor, content, name, path: path.join(assetsOutputDir, name) };
    });

  if (![cssPath, jsPath, ...vendors.map((vendor) => vendor.path)].every(published)) {
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
    publish(cssPath, Buffer.from(result.css));
    let script = scriptSource;
    for (const vendor of vendors) {
      publish(vendor.path, Buffer.from(vendor.content));
      script = script.replaceAll(vendor.specifier, `/assets/app/${vendor.name}`);
    }
    publish(jsPath, Buffer.from(script));
  }
  return { stylesheet: `/assets/app/${cssName}`, script: `/assets/app/${jsName}` };
}
