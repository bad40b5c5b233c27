import { describe, expect, it } from 'vitest';
import { parsePostcode } from './postcode.ts';

describe('parsePostcode', () => {
  it('reads a full postcode in any case and spacing', () => {
    for (const input of ['WV1 1SH', 'wv11sh', ' Wv1  1sh ', 'WV1-1SH']) {
      expect(parsePostcode(input)).toEqual({
        kind: 'unit',
        code: 'WV11SH',
        outward: 'WV1',
        display: 'WV1 1SH',
      });
    }
  });

  it('reads the other shapes of outward code', () => {
    expect(parsePostcode('B1 1AA')?.display).toBe('B1 1AA');
    expect(parsePostcode('SW1A 1AA')?.display).toBe('SW1A 1AA');
    expect(parsePostcode('WV10 6QH')?.outward).toBe('WV10');
    expect(parsePostcode('M60 1NW')?.outward).toBe('M60');
  });

  it('reads an outward code on its own as a district', () => {
    expect(parsePostcode('wv14')).toEqual({
      kind: 'district',
      code: 'WV14',
      outward: 'WV14',
      display: 'WV14',
    });
  });

  it('refuses what is not a postcode', () => {
    for (const input of ['', 'W', 'hello', 'WV1 1S', '12345', 'WV1 1SHX', 'WV1 11H', '<script>']) {
      expect(parsePostcode(input)).toBeUndefined();
    }
  });
});
