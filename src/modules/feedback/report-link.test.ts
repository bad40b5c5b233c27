import { describe, expect, it } from 'vitest';
import { reportProblemHref, safePagePath, serviceIdFromPath } from './report-link.ts';

describe('report a problem link', () => {
  it.each([
    ['/local-offer/information/short-breaks', '/local-offer/information/short-breaks'],
    ['/local-offer/search?q=autism&postcode=WV1+1SH', '/local-offer/search'],
    ['/local-offer#main-content', '/local-offer'],
    ['/', '/'],
    ['/local-offer/caf%C3%A9', '/local-offer/caf%C3%A9'],
    // A one-time sign-in link is a secret: a report names the page, never the token.
    ['/my-ehc/sign-in/abcdef123', '/my-ehc/sign-in/[token]'],
  ])('keeps the path of a page on this site: %s', (input, expected) => {
    expect(safePagePath(input)).toBe(expected);
  });

  it.each([
    ['another site', 'https://evil.example/phish'],
    ['a protocol-relative address', '//evil.example/phish'],
    ['a backslash trick', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'local-offer'],
    ['spaces', '/local offer'],
    ['a control character', '/local-offer\n/x'],
    ['markup', '/"><script>'],
    ['nothing', ''],
    ['not text', ['/a', '/b']],
    ['too long', `/${'a'.repeat(600)}`],
  ])('turns %s into /', (_name, input) => {
    expect(safePagePath(input)).toBe('/');
  });

  it('builds the link with the path encoded', () => {
    expect(reportProblemHref('/local-offer/information/short-breaks?x=1')).toBe(
      '/local-offer/report-a-problem?page=%2Flocal-offer%2Finformation%2Fshort-breaks',
    );
    expect(reportProblemHref('https://evil.example')).toBe('/local-offer/report-a-problem?page=%2F');
  });

  it('finds the service a service page shows', () => {
    expect(serviceIdFromPath('/local-offer/services/0A1B2C3D-0000-4000-8000-000000000001')).toBe(
      '0a1b2c3d-0000-4000-8000-000000000001',
    );
    expect(serviceIdFromPath('/local-offer/services/not-an-id')).toBeUndefined();
    expect(
      serviceIdFromPath('/local-offer/services/0a1b2c3d-0000-4000-8000-000000000001/more'),
    ).toBeUndefined();
  });
});
