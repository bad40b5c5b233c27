/**
 * Paths that carry a secret (an invitation or a family's one-time sign-in link): the token is replaced by
 * `[token]` wherever a path is written down, in the request log and in a "Report a problem" link.
 */
const SECRET_SEGMENTS = [/(\/invitation\/)[^/?#]+/, /(\/my-ehc\/sign-in\/)[^/?#]+/];

export function withoutSecrets(path: string): string {
  return SECRET_SEGMENTS.reduce((p, pattern) => p.replace(pattern, '$1[token]'), path);
}
