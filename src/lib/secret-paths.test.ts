import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './secret-paths.ts';

describe('paths that carry a secret', () => {
  it.each([
    ['/invitation/abc123', '/invitation/[token]'],
    ['/my-ehc/sign-in/Zx_9-k', '/my-ehc/sign-in/[token]'],
    ['/my-ehc/sign-in/Zx_9-k?x=1', '/my-ehc/sign-in/[token]?x=1'],
    ['/my-ehc', '/my-ehc'],
    ['/local-offer/services/1', '/local-offer/services/1'],
  ])('%s is written as %s', (path, written) => {
    expect(withoutSecrets(path)).toBe(written);
  });
});
