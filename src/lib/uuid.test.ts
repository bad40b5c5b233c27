import { describe, expect, it } from 'vitest';
import { isUuid, uuidV5 } from './uuid.ts';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable, differs by name, and is a UUID', () => {
    const ns = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(uuidV5(ns, 'address')).toBe(uuidV5(ns, 'address'));
    expect(uuidV5(ns, 'address')).not.toBe(uuidV5(ns, 'step_free'));
    expect(isUuid(uuidV5(ns, 'address'))).toBe(true);
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow();
  });
});
