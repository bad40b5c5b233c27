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

/**
 * Parameters for govukPagination: the first and last pages, the pages either side of the current
 * one, and a gap between; `href` builds each page's link. Null when everything fits on one page.
 */
export function pageLinks(
  current: number,
  pages: number,
  href: (n: number) => string,
): PaginationParams | null {
  if (pages <= 1) return null;
  const items: PaginationParams['items'] = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 1) {
      items.push({ number: n, href: href(n), ...(n === current ? { current: true } : {}) });
    } else if (!('ellipsis' in (items.at(-1) ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
    ...(current < pages ? { next: { href: href(current + 1) } } : {}),
    items,
  };
}

/** Parameters for govukPagination, keeping the other query values in every link. */
export function paginationParams(
  page: Page,
  total: number,
  basePath: string,
  query: Record<string, string | undefined>,
): PaginationParams | null {
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    params.set('page', String(n));
    return `${basePath}?${params.toString()}`;
  };
  return pageLinks(page.number, Math.max(1, Math.ceil(total / page.size)), href);
}
