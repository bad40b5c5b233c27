import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadArea, loadConfig, readGitCommit } from './config.ts';
import { contrastRatio } from './lib/colour.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data in development', () => {
    const config = loadConfig({});
    expect(config.database).toMatchObject({ engine: 'pglite' });
    expect(config.migrateOnStart).toBe(true);
    expect(config.seedDemoData).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.area).toMatchObject({ laCode: '336', gssCode: 'E08000031', areaName: 'Wolverhampton' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and does not migrate it on start', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db' });
    expect(config.database).toMatchObject({ engine: 'postgres', url: 'postgres://u@h/db' });
    expect(config.migrateOnStart).toBe(false);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.engine).toBe('pglite');
  });

  it('refuses unsafe production settings, naming each one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('SESSION_SECRET');
      expect(message).toContain('PUBLIC_BASE_URL');
      expect(message).toContain('DATABASE_URL');
    }
  });

  it('allows PGlite in production only when asked, and turns on secure cookies', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
      PUBLIC_BASE_URL: 'https://send.example.org/',
      ALLOW_PGLITE_IN_PRODUCTION: 'true',
    });
    expect(config.session.secureCookies).toBe(true);
    expect(config.seedDemoData).toBe(false);
    expect(config.publicBaseUrl).toBe('https://send.example.org');
  });

  it('explains invalid values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });
});

describe('readGitCommit', () => {
  it('reads the commit from a branch ref, a packed ref or a detached head', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'git-'));
    const sha = 'a'.repeat(40);
    mkdirSync(path.join(dir, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'main'), `${sha}\n`);
    expect(readGitCommit(dir)).toBe(sha);
    rmSync(path.join(dir, '.git', 'refs', 'heads', 'main'));
    writeFileSync(path.join(dir, '.git', 'packed-refs'), `# pack-refs\n${'b'.repeat(40)} refs/heads/main\n`);
    expect(readGitCommit(dir)).toBe('b'.repeat(40));
    writeFileSync(path.join(dir, '.git', 'HEAD'), `${'c'.repeat(40)}\n`);
    expect(readGitCommit(dir)).toBe('c'.repeat(40));
    expect(readGitCommit(path.join(dir, 'nowhere'))).toBeUndefined();
  });
});

describe('loadArea', () => {
  it('refuses a brand colour that white header text cannot be read on', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'area-'));
    const file = path.join(dir, 'area.json');
    const area = JSON.parse(JSON.stringify(loadArea('config/areas/wolverhampton.json'))) as Record<
      string,
      unknown
    >;
    writeFileSync(file, JSON.stringify({ ...area, brandColour: '#ffdd00' }));
    expect(() => loadArea(file)).toThrow(/contrast ratio of at least 4.5:1/);
  });

  it('reports a missing file clearly', () => {
    expect(() => loadArea('config/areas/nowhere.json')).toThrow(/Could not read the area configuration/);
  });
});

describe('contrastRatio', () => {
  it('matches the WCAG definition', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#00606b', '#ffffff')).toBeGreaterThan(4.5);
  });
});
