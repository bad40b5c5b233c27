export type Page = { number: number; size: number; limit: number; offset: number };

/** Reads a 1-based page number from a query string value; anything odd becomes page 1. */
export function pageFrom(value: unknown, size: number): Page {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;
  return { number: n, size, limit: size, offset: (n - 1) * size };
}

export type PaginationParams = {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[];
};

/** Parameters for govukPagination, keeping the other query values in every link. */
export function paginationParams(
  page: Page,
  total: number,
  basePath: string,
  query: Record<string, string | undefined>,
): PaginationParams | null {
  const pages = Math.max(1, Math.ceil(total / page.size));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    params.set('page', String(n));
    return `${basePath}?${params.toString()}`;
  };
  const items: PaginationParams['items'] = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - page.number) <= 1) {
      items.push({ number: n, href: href(n), ...(n === page.number ? { current: true } : {}) });
    } else if (!('ellipsis' in (items.at(-1) ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    ...(page.number > 1 ? { previous: { href: href(page.number - 1) } } : {}),
    ...(page.number < pages ? { next: { href: href(page.number + 1) } } : {}),
    items,
  };
}
