import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../../lib/html.ts';

/**
 * The dashboard's charts (ADR 19): a Vega-Lite spec compiled and rendered to SVG on the server, put inline in
 * the page, always followed by a table of the same figures. No script runs in the browser and nothing is
 * fetched: the SVG carries no fonts, styles or links, only presentation attributes, which the Content
 * Security Policy (style-src 'self') allows. The SVG is an image (role="img") named by its <title> and
 * described by its <desc>; the data table beneath it is what a screen reader or a keyboard user reads.
 */

/**
 * How a series is drawn. Each has its own colour, line dash and point shape, so that no series is told apart
 * by colour alone (WCAG 1.4.1), and every colour has at least 3:1 contrast with white (WCAG 1.4.11).
 */
export type SeriesStyle = 'area' | 'england' | 'region' | 'neighbours';

const STYLES: Record<SeriesStyle, { colour: string; dash: number[]; shape: string }> = {
  area: { colour: '#1d70b8', dash: [1, 0], shape: 'circle' },
  england: { colour: '#0b0c0c', dash: [8, 4], shape: 'square' },
  region: { colour: '#4c2c92', dash: [2, 3], shape: 'triangle-up' },
  neighbours: { colour: '#00703c', dash: [10, 3, 2, 3], shape: 'diamond' },
};

export type ChartInput = {
  /** Unique on the page: the SVG's title and description are found by ids made from it. */
  id: string;
  /** The accessible name. The visible heading is the page's own, so the SVG does not repeat it. */
  title: string;
  /** What the chart shows, in words: the SVG's <desc>. */
  description: string;
  /** A line for rates over time; bars for counts. */
  kind: 'line' | 'bar';
  unit: 'percent' | 'count';
  xTitle: string;
  /** The periods along the axis, in order. */
  periods: string[];
  /** One value per period (null where there is no figure: the line has a gap, not a zero). */
  series: { label: string; style: SeriesStyle; values: (number | null)[] }[];
  /** Series breaks, drawn as a labelled vertical rule at the first period of the new series. */
  breaks: { period: string; label: string }[];
};

// Drawn at about the size it is shown in half a page's width, so that its text stays legible.
const WIDTH = 400;
const HEIGHT = 200;
const TEXT = '#0b0c0c';
const SECONDARY = '#484949';

/** The Vega-Lite spec of a chart: exported so that its shape can be tested without rendering. */
export function chartSpec(input: ChartInput): TopLevelSpec {
  const rows = input.series.flatMap((s) =>
    input.periods.map((period, i) => ({ period, series: s.label, value: s.values[i] ?? null })),
  );
  const domain = input.series.map((s) => s.label);
  const styles = input.series.map((s) => STYLES[s.style]);
  const percent = input.unit === 'percent';
  const maxValue = Math.max(
    0,
    ...input.series.flatMap((s) => s.values.filter((v): v is number => v !== null)),
  );
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    sort: input.periods,
    scale: { domain: input.periods },
    title: input.xTitle,
    // Every period labelled: turned when there are too many to sit side by side.
    axis: input.periods.length > 6 ? { labelAngle: -45, labelOverlap: false } : { labelAngle: 0 },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: percent ? 'Per cent' : 'Number',
    // Rates on 0–100 where they reach past half way; small rates (an appeal rate of 2%) on an axis from 0 that
    // fits them, or every line would lie on the floor.
    scale: percent && maxValue > 50 ? { domain: [0, 100] } : { zero: true, nice: true },
    axis: { format: percent ? '.0f' : ',d', tickCount: 5 },
  };
  const legend =
    domain.length > 1
      ? { title: null, orient: 'bottom' as const, direction: 'horizontal' as const, columns: 2 }
      : null;
  const main =
    input.kind === 'bar'
      ? {
          mark: { type: 'bar' as const, color: STYLES.area.colour },
          encoding: {
            x,
            y,
            ...(domain.length > 1
              ? {
                  xOffset: { field: 'series', type: 'nominal' as const, sort: domain },
                  color: {
                    field: 'series',
                    type: 'nominal' as const,
                    sort: domain,
                    scale: { domain, range: styles.map((s) => s.colour) },
                    legend,
                  },
                }
              : {}),
          },
        }
      : {
          mark: {
            type: 'line' as const,
            strokeWidth: 3,
            point: { filled: true, size: 80 },
          },
          encoding: {
            x,
            y,
            color: {
              field: 'series',
              type: 'nominal' as const,
              sort: domain,
              scale: { domain, range: styles.map((s) => s.colour) },
              legend,
            },
            strokeDash: {
              field: 'series',
              type: 'nominal' as const,
              sort: domain,
              scale: { domain, range: styles.map((s) => s.dash) },
              legend,
            },
            shape: {
              field: 'series',
              type: 'nominal' as const,
              sort: domain,
              scale: { domain, range: styles.map((s) => s.shape) },
              legend,
            },
          },
        };
  // A break falls between the last period of the old series and the first of the new: half a step left
  // of the new series' first point (lines: a point scale with half a step of padding at each end) or bar.
  const breaks = input.breaks.filter((b) => input.periods.indexOf(b.period) > 0);
  const step = WIDTH / Math.max(1, input.periods.length);
  const breakOffset = -step / 2;
  const layers = [
    { data: { values: rows }, ...main },
    ...(breaks.length
      ? [
          {
            data: { values: breaks },
            mark: {
              type: 'rule' as const,
              color: SECONDARY,
              strokeDash: [4, 4],
              strokeWidth: 2,
              xOffset: breakOffset,
            },
            encoding: { x: { field: 'period', type: 'ordinal' as const, sort: input.periods } },
          },
          {
            data: { values: breaks },
            mark: {
              type: 'text' as const,
              align: 'left' as const,
              baseline: 'top' as const,
              dx: 4,
              xOffset: breakOffset,
              y: 2,
              color: TEXT,
              fontSize: 13,
            },
            encoding: {
              x: { field: 'period', type: 'ordinal' as const, sort: input.periods },
              text: { field: 'label', type: 'nominal' as const },
            },
          },
        ]
      : []),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: '#ffffff',
    padding: 8,
    config: {
      // The SVG is one image with a title and a description; the table below it carries the figures for
      // assistive technology, so the marks inside carry no ARIA of their own.
      aria: false,
      view: { stroke: null },
      axis: {
        labelFontSize: 14,
        titleFontSize: 14,
        titleFontWeight: 'normal',
        labelColor: TEXT,
        titleColor: TEXT,
        domainColor: SECONDARY,
        tickColor: SECONDARY,
        gridColor: '#d9d9d9',
      },
      legend: {
        labelFontSize: 14,
        labelColor: TEXT,
        symbolSize: 120,
        symbolStrokeWidth: 3,
        labelLimit: 400,
        columnPadding: 24,
        rowPadding: 8,
      },
    },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * What Vega writes for interaction and for its own ARIA tree, none of which an image rendered once needs:
 * removed, with long decimals shortened, so that a chart is a third smaller.
 */
function tidy(svg: string): string {
  return svg
    .replace(
      / (?:role="graphics-[a-z]+"|aria-roledescription="[^"]*"|aria-hidden="true"|pointer-events="none"|opacity="1"|class="[^"]*"|font-family="[^"]*")/g,
      '',
    )
    .replace(/<path d="M0,0h0v0h0Z"\/>|<path d="" display="none"\/>/g, '')
    .replace(/(\d\.\d\d)\d+/g, '$1');
}

/** The SVG's own opening tag, replaced: scaled by its viewBox, an image named by its title and description. */
function asAccessibleImage(svg: string, input: ChartInput): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('Vega did not return an SVG');
  const viewBox = /viewBox="([^"]+)"/.exec(open[0])?.[1];
  const id = input.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const tag =
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" viewBox="${viewBox}" font-family="sans-serif"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escapeHtml(input.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(input.description)}</desc>`;
  return tag + tidy(svg.slice(open[0].length));
}

/** Renders a chart to SVG text, without a cache. */
export async function renderChartUncached(input: ChartInput): Promise<string> {
  const { spec } = compile(chartSpec(input));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return asAccessibleImage(await view.toSVG(), input);
  } finally {
    view.finalize();
  }
}

/**
 * Rendering costs tens of milliseconds a chart and the dashboard shows about twenty, but the figures change
 * only when casework does: a chart is kept by a hash of everything it is drawn from (measure, periods,
 * values, words), so the same figures are drawn once and a changed one is drawn afresh. Bounded; the oldest
 * entries go first.
 */
export function createChartRenderer(options: { maxEntries?: number } = {}) {
  const maxEntries = options.maxEntries ?? 500;
  const cache = new Map<string, Promise<string>>();
  return {
    async render(input: ChartInput): Promise<string> {
      const key = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
      const hit = cache.get(key);
      if (hit) {
        // Most recently used last.
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const rendering = renderChartUncached(input);
      cache.set(key, rendering);
      rendering.catch(() => cache.delete(key));
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return rendering;
    },
    get size() {
      return cache.size;
    },
  };
}

export type ChartRenderer = ReturnType<typeof createChartRenderer>;
