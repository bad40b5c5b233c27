import { describe, expect, it } from 'vitest';
import { pageFrom, paginationParams } from './pagination.ts';

describe('pagination', () => {
  it('reads a page number and refuses anything odd', () => {
    expect(pageFrom('3', 25)).toMatchObject({ number: 3, offset: 50, limit: 25 });
    for (const odd of ['0', '-1', 'abc', '1e9', undefined, ['2']]) expect(pageFrom(odd, 25).number).toBe(1);
  });

  it('has no pagination for a single page', () => {
    expect(paginationParams(pageFrom('1', 25), 25, '/x', {})).toBeNull();
  });

  it('keeps filters in links and elides distant pages', () => {
    const p = paginationParams(pageFrom('5', 10), 100, '/admin/audit', { action: 'user.invited', empty: '' });
    expect(p?.previous?.href).toBe('/admin/audit?action=user.invited&page=4');
    expect(p?.next?.href).toBe('/admin/audit?action=user.invited&page=6');
    const numbers = p?.items.map((i) => ('ellipsis' in i ? '…' : i.number));
    expect(numbers).toEqual([1, '…', 4, 5, 6, '…', 10]);
  });
});
