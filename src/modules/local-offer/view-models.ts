import { addDays, formatClockTime, formatDate, formatDateWithDay, londonToday } from '../../lib/dates.ts';
import { pageLinks } from '../../lib/pagination.ts';
import {
  ACCESS_ROUTE_LABELS,
  LANGUAGES,
  VENUE_ACCESSIBILITY,
  VENUE_ACCESSIBILITY_LABELS,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type AccessRoute,
  type VenueAccessibility,
  type Weekday,
} from './domain/listing.ts';
import { DISTANCE_MILES, METRES_PER_MILE } from './domain/search.ts';
import type { TaxonomyTerm, ServiceRow } from './repository.ts';
import { searchUrl, type SearchParams } from './schemas.ts';
import { RESULTS_PER_PAGE, type LocalOfferService, type SearchOutcome } from './service.ts';

export function agesText(min: number, max: number): string {
  if (min === 0 && max === 25) return 'All ages, 0 to 25';
  if (min === max) return `Age ${min}`;
  return `Ages ${min} to ${max}`;
}

export function distanceText(metres: number | null): string | undefined {
  if (metres === null || metres === undefined) return undefined;
  const miles = metres / METRES_PER_MILE;
  if (miles < 0.1) return 'Less than 0.1 miles away';
  return `${miles.toFixed(1)} ${miles.toFixed(1) === '1.0' ? 'mile' : 'miles'} away`;
}

export function summarise(text: string, max = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30))}…`;
}

type CheckboxItem = { value: string; text: string; checked: boolean; classes?: string };
type FilterGroup = { name: string; legend: string; items: CheckboxItem[]; kind: 'checkboxes' | 'radios' };

const countText = (count: number) => `(${count} ${count === 1 ? 'result' : 'results'})`;

function termItems(terms: TaxonomyTerm[], selected: string[], counts: Map<string, number>): CheckboxItem[] {
  // Parents first, each followed by its children, so broad areas and specific conditions read in order.
  const parents = terms.filter((t) => t.parentId === null);
  const ordered = parents.flatMap((p) => [p, ...terms.filter((c) => c.parentId === p.id)]);
  return ordered.map((t) => ({
    value: t.code,
    text: `${t.parentId ? '– ' : ''}${t.name} ${countText(counts.get(t.id) ?? 0)}`,
    checked: selected.includes(t.code),
  }));
}

export function searchPageModel(outcome: SearchOutcome) {
  const { params, facets, terms, rows, total } = outcome;
  const termCounts = new Map(facets.filter((f) => f.facet === 'term').map((f) => [f.key, f.count]));
  const facetCount = (facet: string, key: string) =>
    facets.find((f) => f.facet === facet && f.key === key)?.count ?? 0;
  const costTerm = (code: string) => terms.cost.find((t) => t.code === code);

  const filters: FilterGroup[] = [
    {
      name: 'category',
      legend: 'Category',
      kind: 'checkboxes',
      items: termItems(terms.category, params.category, termCounts),
    },
    {
      name: 'need',
      legend: 'Type of need',
      kind: 'checkboxes',
      items: termItems(terms.need, params.need, termCounts),
    },
    {
      name: 'ageGroup',
      legend: 'Age group',
      kind: 'checkboxes',
      items: termItems(terms.ageGroup, params.ageGroup, termCounts),
    },
    {
      name: 'cost',
      legend: 'Cost',
      kind: 'radios',
      items: [
        { value: '', text: 'Free or paid', checked: !params.cost },
        ...(['free', 'paid'] as const).map((code) => ({
          value: code,
          text: `${code === 'free' ? 'Free' : 'Paid'} ${countText(termCounts.get(costTerm(code)?.id ?? '') ?? 0)}`,
          checked: params.cost === code,
        })),
      ],
    },
    {
      name: 'day',
      legend: 'Day of the week',
      kind: 'checkboxes',
      items: WEEKDAYS.map((d) => ({
        value: d,
        text: `${WEEKDAY_LABELS[d]} ${countText(facetCount('day', d))}`,
        checked: params.day.includes(d),
      })),
    },
    {
      name: 'language',
      legend: 'Language',
      kind: 'checkboxes',
      items: Object.entries(LANGUAGES).map(([code, name]) => ({
        value: code,
        text: `${name} ${countText(facetCount('language', code))}`,
        checked: params.language.includes(code),
      })),
    },
    {
      name: 'access',
      legend: 'Venue accessibility',
      kind: 'checkboxes',
      items: VENUE_ACCESSIBILITY.map((a) => ({
        value: a,
        text: `${VENUE_ACCESSIBILITY_LABELS[a]} ${countText(facetCount('access', a))}`,
        checked: params.access.includes(a),
      })),
    },
  ];

  const tag = (text: string, changes: Partial<SearchParams>) => ({
    text,
    href: searchUrl(params, { ...changes, page: 1 }),
  });
  const termName = (list: TaxonomyTerm[], code: string) => list.find((t) => t.code === code)?.name ?? code;
  const categories = [
    {
      heading: { text: 'Category' },
      items: params.category.map((c) =>
        tag(termName(terms.category, c), { category: params.category.filter((x) => x !== c) }),
      ),
    },
    {
      heading: { text: 'Type of need' },
      items: params.need.map((c) =>
        tag(termName(terms.need, c), { need: params.need.filter((x) => x !== c) }),
      ),
    },
    {
      heading: { text: 'Age group' },
      items: params.ageGroup.map((c) =>
        tag(termName(terms.ageGroup, c), { ageGroup: params.ageGroup.filter((x) => x !== c) }),
      ),
    },
    {
      heading: { text: 'Age' },
      items: params.age === undefined ? [] : [tag(`Age ${params.age}`, { age: undefined })],
    },
    {
      heading: { text: 'Cost' },
      items: params.cost ? [tag(params.cost === 'free' ? 'Free' : 'Paid', { cost: undefined })] : [],
    },
    {
      heading: { text: 'Day of the week' },
      items: params.day.map((d) => tag(WEEKDAY_LABELS[d], { day: params.day.filter((x) => x !== d) })),
    },
    {
      heading: { text: 'Language' },
      items: params.language.map((l) =>
        tag(LANGUAGES[l] ?? l, { language: params.language.filter((x) => x !== l) }),
      ),
    },
    {
      heading: { text: 'Venue accessibility' },
      items: params.access.map((a) =>
        tag(VENUE_ACCESSIBILITY_LABELS[a as VenueAccessibility] ?? a, {
          access: params.access.filter((x) => x !== a),
        }),
      ),
    },
    {
      heading: { text: 'Near' },
      items: outcome.postcodeDisplay
        ? [tag(`Within ${params.distance} miles of ${outcome.postcodeDisplay}`, { postcode: '' })]
        : [],
    },
  ].filter((c) => c.items.length > 0);

  // The keywords come first among the tags: removing them keeps every filter.
  if (params.q)
    categories.unshift({ heading: { text: 'Search terms' }, items: [tag(`“${params.q}”`, { q: '' })] });

  const pages = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
  const pagination = pageLinks(params.page, pages, (n) => searchUrl(params, { page: n }));

  const first = total === 0 ? 0 : (params.page - 1) * RESULTS_PER_PAGE + 1;
  const last = Math.min(total, params.page * RESULTS_PER_PAGE);

  return {
    params,
    filters,
    selectedFilters: categories.length
      ? {
          heading: { text: 'Selected filters' },
          clearLink: { text: 'Clear filters', href: '/local-offer/search' },
          categories,
        }
      : null,
    results: rows.map((r) => ({
      id: r.id,
      href: `/local-offer/services/${r.id}`,
      name: r.name,
      organisation: r.organisationName,
      summary: summarise(r.description),
      ages: agesText(r.minimumAge, r.maximumAge),
      cost: r.isFree ? 'Free' : 'Paid',
      distance: distanceText(r.distanceMetres),
      where: r.nearestLocation,
      reviewed: formatDate(r.assuredDate),
    })),
    total,
    countText:
      total === 0
        ? 'No services found'
        : `${total.toLocaleString('en-GB')} ${total === 1 ? 'service' : 'services'} found${pages > 1 ? `, showing ${first} to ${last}` : ''}`,
    pagination,
    distances: DISTANCE_MILES.map((m) => ({
      value: String(m),
      text: `${m} ${m === 1 ? 'mile' : 'miles'}`,
      selected: m === params.distance,
    })),
    sortOptions: [
      { value: 'relevance', text: 'Best match', selected: params.sort === 'relevance' },
      ...(outcome.near
        ? [{ value: 'distance', text: 'Nearest first', selected: params.sort === 'distance' }]
        : []),
      { value: 'name', text: 'Name (A to Z)', selected: params.sort === 'name' },
    ],
    corrections: outcome.corrections,
    problems: outcome.problems,
    errorSummary: outcome.problems.map((p) => ({
      text: p.message,
      href: `#${p.field === 'page' ? 'results' : p.field}`,
    })),
    shareUrl: searchUrl(params),
  };
}

// ------------------------------------------------------------------ service page

type Found = NonNullable<ServiceRow>;

export function scheduleText(s: Found['schedules'][number]): string {
  const time = (t: string | null) => (t ? formatClockTime(t.slice(0, 5)) : undefined);
  const hours = s.opens_at && s.closes_at ? `, ${time(s.opens_at)} to ${time(s.closes_at)}` : '';
  const days = (s.byday as Weekday[]).map((d) => WEEKDAY_LABELS[d] ?? d);
  let when: string;
  if (s.freq === 'ONCE') when = s.dtstart ? formatDateWithDay(s.dtstart) : 'One-off event';
  else if (s.freq === 'MONTHLY') {
    const ordinal =
      { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', [-1]: 'Last' }[s.week_of_month ?? 1] ?? 'First';
    when = `${ordinal} ${days.join(' and ')} of every month`;
  } else when = `Every ${joinList(days)}`;
  const term = s.term_time_only ? ' (term time only)' : '';
  const validity =
    s.freq !== 'ONCE' && (s.valid_from || s.valid_to)
      ? ` – ${s.valid_from ? `from ${formatDate(s.valid_from)}` : ''}${s.valid_from && s.valid_to ? ' ' : ''}${s.valid_to ? `until ${formatDate(s.valid_to)}` : ''}`
      : '';
  return `${when}${hours}${term}${validity}`;
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function poundsText(amount: string | null): string | undefined {
  if (amount === null) return undefined;
  const n = Number(amount);
  return n % 1 === 0 ? `£${n}` : `£${n.toFixed(2)}`;
}

export function servicePageModel(found: Found, options: { shortlisted: boolean }) {
  const { service: s } = found;
  const byTaxonomy = (key: string) => found.terms.filter((t) => t.taxonomy_key === key).map((t) => t.name);
  return {
    id: s.id,
    name: s.name,
    organisation: s.organisation_name,
    description: s.description,
    ages: agesText(s.minimum_age, s.maximum_age),
    needs: byTaxonomy('need'),
    categories: byTaxonomy('category'),
    eligibility: s.eligibility_description,
    cost: {
      free: s.is_free,
      description: s.fees_description,
      options: found.costOptions.map((c) => ({
        option: c.option,
        amount: poundsText(c.amount),
        description: c.amount_description,
      })),
    },
    schedules: found.schedules.map((sc) => ({ text: scheduleText(sc), description: sc.description })),
    termTimeOnly: found.schedules.length > 0 && found.schedules.every((sc) => sc.term_time_only),
    locations: found.locations.map((l) => ({
      name: l.name,
      address: [l.address_1, l.city, l.postcode].filter(Boolean),
      accessibility: (l.accessibility as VenueAccessibility[]).map((a) => VENUE_ACCESSIBILITY_LABELS[a] ?? a),
      accessibilityDetails: l.accessibility_details,
    })),
    access: (s.access_routes as AccessRoute[]).map((r) => ACCESS_ROUTE_LABELS[r] ?? r),
    accessDetails: s.access_details,
    contacts: found.contacts.map((c) => ({
      name: c.name,
      title: c.title,
      email: c.email,
      phone: c.phone,
      phoneDescription: c.phone_description,
    })),
    // The service's own email, unless a contact already gives it.
    email: found.contacts.some((c) => c.email === s.email) ? null : s.email,
    url: s.url,
    languages: found.languages.map((l) => l.name),
    areas: found.areas.map((a) => a.name),
    status: s.status,
    reviewed: formatDate(s.assured_date),
    shortlisted: options.shortlisted,
    source: s.source
      ? {
          name: s.feed_name ?? s.source,
          lastImported: s.feed_last_imported_at ? formatDate(londonToday(s.feed_last_imported_at)) : null,
        }
      : null,
  };
}

// ------------------------------------------------------------------ what's on

type WhatsOnSession = Awaited<ReturnType<LocalOfferService['whatsOn']>>[number];

export const SESSIONS_PER_PAGE = 40;

/** What's on for a range: a page of sessions at a time (a busy week stays a page a phone can load), by day. */
export function whatsOnModel(input: {
  from: string;
  to: string;
  today: string;
  eventsOnly: boolean;
  page: number;
  sessions: WhatsOnSession[];
  problems: { field: string; message: string }[];
}) {
  const { from, to, today, eventsOnly, sessions } = input;
  const problems = [...input.problems];
  const pages = Math.max(1, Math.ceil(sessions.length / SESSIONS_PER_PAGE));
  let page = input.page;
  if (page > pages) {
    problems.push({
      field: 'sessions',
      message: `There is no page ${page}; this is page ${pages}, the last`,
    });
    page = pages;
  }
  const shown = sessions.slice((page - 1) * SESSIONS_PER_PAGE, page * SESSIONS_PER_PAGE);
  const days = new Map<string, WhatsOnSession[]>();
  for (const s of shown) days.set(s.date, [...(days.get(s.date) ?? []), s]);
  const pageHref = (n: number) =>
    `/local-offer/whats-on?from=${from}&to=${to}${eventsOnly ? '&type=events' : ''}${n > 1 ? `&page=${n}` : ''}`;
  return {
    from,
    to,
    rangeText: `${formatDate(from)} to ${formatDate(to)}`,
    eventsOnly,
    problems,
    errorSummary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    presets: [
      { text: 'Next 7 days', href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 6)}` },
      { text: 'Next 4 weeks', href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 27)}` },
      {
        text: 'One-off events in the next 3 months',
        href: `/local-offer/whats-on?from=${today}&to=${addDays(today, 90)}&type=events`,
      },
    ],
    days: [...days.entries()].map(([date, list]) => ({
      heading: formatDateWithDay(date),
      sessions: list.map((s) => ({
        name: s.service_name,
        href: `/local-offer/services/${s.service_id}`,
        organisation: s.organisation_name,
        time: s.opens_at && s.closes_at ? `${s.opens_at} to ${s.closes_at}` : undefined,
        kind: s.freq === 'ONCE' ? 'Event' : s.term_time_only ? 'Term-time session' : 'Regular session',
        ages: agesText(s.minimum_age, s.maximum_age),
        cost: s.is_free ? 'Free' : 'Paid',
        description: s.description,
      })),
    })),
    sessionCount: sessions.length,
    showing:
      pages > 1
        ? `showing ${(page - 1) * SESSIONS_PER_PAGE + 1} to ${Math.min(sessions.length, page * SESSIONS_PER_PAGE)}`
        : '',
    pagination: pageLinks(page, pages, pageHref),
  };
}
