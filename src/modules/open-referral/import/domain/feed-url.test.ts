import { describe, expect, it } from 'vitest';
import { feedUrl, parseFeedBaseUrl } from './feed-url.ts';

describe('parseFeedBaseUrl', () => {
  it('keeps one canonical form: no trailing slash, no /services, the host in lower case', () => {
    expect(parseFeedBaseUrl(' https://Directory.Example.org/api/oruk/ ')).toEqual({
      ok: true,
      url: 'https://directory.example.org/api/oruk',
    });
    expect(parseFeedBaseUrl('https://directory.example.org/api/oruk/services')).toEqual({
      ok: true,
      url: 'https://directory.example.org/api/oruk',
    });
    expect(parseFeedBaseUrl('http://127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
  });

  it('refuses what is not the address of a feed, saying why', () => {
    const message = (text: string) => {
      const result = parseFeedBaseUrl(text);
      return result.ok ? null : result.message;
    };
    expect(message('')).toBe('Enter the web address of the feed');
    expect(message('directory.example.org')).toMatch(/^Enter a web address like https:\/\//);
    expect(message('ftp://directory.example.org')).toBe(
      'The web address must start with https:// or http://',
    );
    expect(message('javascript:alert(1)')).toBe('The web address must start with https:// or http://');
    expect(message('https://user:secret@directory.example.org')).toMatch(/user name or password/);
    expect(message('https://directory.example.org/api?key=1')).toMatch(/without anything after a \?/);
    expect(message(`https://example.org/${'a'.repeat(500)}`)).toMatch(/500 characters or fewer/);
  });
});

describe('feedUrl', () => {
  it('adds the path and the parameters that are set', () => {
    expect(
      feedUrl('https://x.example/api', '/services', { page: 2, per_page: 100, modified_after: undefined }),
    ).toBe('https://x.example/api/services?page=2&per_page=100');
    expect(feedUrl('https://x.example/api', '/services/abc')).toBe('https://x.example/api/services/abc');
  });
});
