import { describe, expect, it } from 'vitest';
import { chartSpec, createChartRenderer, renderChartUncached, type ChartInput } from './charts.ts';

const LINE: ChartInput = {
  id: 'plans-within-20-weeks-published',
  title: 'New EHC plans issued within 20 weeks: Wolverhampton against England',
  description: 'Wolverhampton 70% in 2024, up from 62% in 2023; England 46% & falling <fast>.',
  kind: 'line',
  unit: 'percent',
  xTitle: 'Calendar year',
  periods: ['2020', '2021', '2022', '2023', '2024'],
  series: [
    { label: 'Wolverhampton', style: 'area', values: [55, null, 60, 62, 70] },
    { label: 'England', style: 'england', values: [58, 60, 49, 50, 46] },
    { label: 'West Midlands', style: 'region', values: [45, 50, 55, 52, 51] },
    { label: 'Statistical neighbours (mean)', style: 'neighbours', values: [35, 40, 45, 52, 51] },
  ],
  breaks: [{ period: '2023', label: 'Series break' }],
};

const BARS: ChartInput = {
  ...LINE,
  id: 'requests-received-casework',
  title: 'Requests for an EHC needs assessment received',
  description: '912 requests in 2025.',
  kind: 'bar',
  unit: 'count',
  periods: ['2021', '2022', '2023', '2024', '2025'],
  series: [{ label: 'Wolverhampton (our casework)', style: 'area', values: [700, 750, 820, 880, 912] }],
  breaks: [],
};

describe('chart spec', () => {
  it('draws each series with its own colour, dash and point shape, in the order given', () => {
    const spec = chartSpec(LINE) as unknown as {
      layer: { encoding: Record<string, { scale: { domain: string[]; range: unknown[] } }> }[];
    };
    const encoding = spec.layer[0]?.encoding ?? {};
    const labels = LINE.series.map((s) => s.label);
    for (const channel of ['color', 'strokeDash', 'shape']) {
      expect(encoding[channel]?.scale.domain).toEqual(labels);
      const range = encoding[channel]?.scale.range ?? [];
      expect(new Set(range.map((r) => JSON.stringify(r))).size).toBe(labels.length);
    }
  });

  it('keeps a missing figure as a gap, never as zero', () => {
    const spec = chartSpec(LINE) as unknown as {
      layer: { data: { values: { period: string; series: string; value: number | null }[] } }[];
    };
    const missing = spec.layer[0]?.data.values.find(
      (v) => v.series === 'Wolverhampton' && v.period === '2021',
    );
    expect(missing?.value).toBeNull();
  });

  it('marks a series break only where it falls inside the periods shown', () => {
    expect((chartSpec(LINE) as { layer: unknown[] }).layer).toHaveLength(3);
    expect(
      (chartSpec({ ...LINE, breaks: [{ period: '2015', label: 'x' }] }) as { layer: unknown[] }).layer,
    ).toHaveLength(1);
  });
});

describe('chart as SVG', () => {
  it('is an image named by its title and described by its description', async () => {
    const svg = await renderChartUncached(LINE);
    expect(
      svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" viewBox="0 0 '),
    ).toBe(true);
    expect(svg).toContain(
      'role="img" aria-labelledby="plans-within-20-weeks-published-title plans-within-20-weeks-published-desc"',
    );
    expect(svg).toContain(
      '<title id="plans-within-20-weeks-published-title">New EHC plans issued within 20 weeks: Wolverhampton against England</title>',
    );
    expect(svg).toContain(
      '<desc id="plans-within-20-weeks-published-desc">Wolverhampton 70% in 2024, up from 62% in 2023; England 46% &amp; falling &lt;fast&gt;.</desc>',
    );
    // Scales with its container: no fixed size.
    expect(svg).not.toMatch(/<svg[^>]* width="/);
  });

  it('shows every period, every series in the legend, and the break', async () => {
    const svg = await renderChartUncached(LINE);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const label of [
      ...LINE.periods,
      ...LINE.series.map((s) => s.label),
      'Series break',
      'Per cent',
      'Calendar year',
    ])
      expect(texts).toContain(label);
    // The four lines, each with its dash pattern.
    expect(svg).toContain('stroke-dasharray="8,4"');
    expect(svg).toContain('stroke-dasharray="2,3"');
  });

  it('draws counts as bars', async () => {
    const svg = await renderChartUncached(BARS);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['2021', '2025', 'Number']));
    // Five bars, one for each year.
    expect(svg.match(/<path d="M[\d.]+,[\d.]+h[\d.]+v[\d.]+h-[\d.]+Z" fill="#1d70b8"/g)).toHaveLength(5);
  });

  it('carries no script, style, font, link or external reference', async () => {
    const svg = await renderChartUncached(LINE);
    expect(svg).not.toMatch(/<script|<style|style="|<foreignObject|@font-face|href=|url\(/i);
  });
});

describe('chart renderer', () => {
  it('draws the same figures once and changed figures afresh', async () => {
    const charts = createChartRenderer({ maxEntries: 2 });
    const first = await charts.render(LINE);
    expect(await charts.render({ ...LINE })).toBe(first);
    expect(charts.size).toBe(1);
    const changed = await charts.render({
      ...LINE,
      series: [{ ...(LINE.series[0] as ChartInput['series'][number]), values: [1, 2, 3, 4, 5] }],
    });
    expect(changed).not.toBe(first);
    await charts.render(BARS);
    expect(charts.size).toBe(2);
  });
});
