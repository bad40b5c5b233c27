import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES } from './config.ts';
import { DEMO_SIGN_INS } from './db/seed/demo.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('the README stays true', () => {
  it('keeps the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('documents every environment variable the platform reads', () => {
    for (const name of ENVIRONMENT_VARIABLES)
      expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });

  it('lists every demo sign-in', () => {
    for (const person of DEMO_SIGN_INS) expect(readme).toContain(person.email);
  });

  it('names only npm scripts that exist', () => {
    for (const [, name] of readme.matchAll(/npm run ([a-z0-9:-]+)/g))
      expect(pkg.scripts, name).toHaveProperty(name as string);
  });
});
