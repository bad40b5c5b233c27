import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { requireSignIn } from '../../plugins/session.ts';
import { createChartRenderer, type ChartInput } from './charts.ts';
import type { Period } from './domain/periods.ts';
import {
  CSV_MEDIA_TYPE,
  downloadFileName,
  toCsv,
  toXlsx,
  XLSX_MEDIA_TYPE,
  type Table,
} from './spreadsheet.ts';
import {
  definitionRows,
  downloadTable,
  MEASURE_TABLES,
  measureDetailTables,
  measureDownload,
  measureSection,
  measureTable,
  PERFORMANCE_PATHS,
  periodForm,
  periodHeading,
  periodQuery,
  readPeriodQuery,
  releasesShown,
  summaryDownloads,
  SUMMARY_TABLES,
  type SummaryTable,
  summaryTable,
  govukTableParams,
  type MeasureTable,
  type PeriodChoice,
} from './view-models.ts';

/** Bad input in a download's query string: the error page, with 400. */
class BadRequestError extends Error {
  override name = 'BadRequestError';
  readonly statusCode = 400;
}

/** "plans-within-20-weeks", or with a download's extension. */
const MEASURE_PATH = /^([a-z0-9-]{1,80})(?:\.(csv|xlsx))?$/;

/** The performance dashboard at /performance (the SEN2 return, under /performance/sen2, is its own module). */
export async function registerPerformanceRoutes(app: FastifyInstance, container: Container): Promise<void> {
  const performance = container.services.performance;
  const charts = createChartRenderer();

  function choose(request: FastifyRequest): PeriodChoice {
    return readPeriodQuery(request.query, performance.today(), performance.defaultPeriod());
  }

  /** Draws a section's charts (cached by their figures) into it. */
  async function withCharts<
    S extends {
      casework: { chart: ChartInput | null; svg: string } | null;
      published: { chart: ChartInput | null; svg: string } | null;
    },
  >(section: S): Promise<S> {
    for (const half of [section.casework, section.published])
      if (half?.chart) half.svg = await charts.render(half.chart);
    return section;
  }

  function send(
    reply: FastifyReply,
    table: Table,
    nameParts: string[],
    format: 'csv' | 'xlsx',
    created: Date,
  ) {
    const fileName = downloadFileName(nameParts, format);
    reply
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    if (format === 'csv') return reply.type(CSV_MEDIA_TYPE).send(toCsv(table));
    return reply.type(XLSX_MEDIA_TYPE).send(Buffer.from(toXlsx(table, created)));
  }

  function periodOrBadRequest(request: FastifyRequest): Period {
    const choice = choose(request);
    if (!choice.ok) throw new BadRequestError('the period asked for is not valid');
    return choice.period;
  }

  // ------------------------------------------------------------------ the dashboard

  app.get(PERFORMANCE_PATHS.dashboard, { preHandler: requireSignIn }, async (request, reply) => {
    const choice = choose(request);
    const today = performance.today();
    if (!choice.ok) {
      performance.requireView(request.ctx);
      return reply.code(400).page('performance/views/dashboard', {
        pageTitle: 'SEND performance',
        areaName: container.config.area.areaName,
        errors: choice.errors,
        form: periodForm(choice.values, choice.errors, today, PERFORMANCE_PATHS.dashboard),
      });
    }
    const d = await performance.dashboard(request.ctx, { period: choice.period });
    const measures = [];
    for (const view of d.measures) measures.push(await withCharts(measureSection(view, d)));
    return reply.page('performance/views/dashboard', {
      pageTitle: choice.chosen ? `SEND performance, ${choice.period.label}` : 'SEND performance',
      areaName: d.area.name,
      regionName: d.region?.name ?? null,
      periodHeading: periodHeading(d.period, d.today),
      sen2Href: d.canPrepareSen2 ? PERFORMANCE_PATHS.sen2 : null,
      form: periodForm(choice.values, undefined, today, PERFORMANCE_PATHS.dashboard),
      summary: {
        tables: SUMMARY_TABLES.map((part) => ({
          table: govukTableParams(summaryTable(d, part), { classes: 'app-table--summary' }),
          downloads: summaryDownloads(d.period, part),
        })),
        downloads: summaryDownloads(d.period),
        releases: releasesShown(d),
      },
      measures,
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    const url = format === 'csv' ? PERFORMANCE_PATHS.summaryCsv : PERFORMANCE_PATHS.summaryXlsx;
    app.get(url, { preHandler: requireSignIn }, async (request, reply) => {
      performance.requireView(request.ctx);
      const period = periodOrBadRequest(request);
      const part = (request.query as Record<string, unknown>).table;
      if (part !== undefined && !(SUMMARY_TABLES as readonly unknown[]).includes(part))
        throw new NotFoundError('no such table');
      const d = await performance.dashboard(request.ctx, { period });
      return send(
        reply,
        downloadTable(summaryTable(d, (part as SummaryTable | undefined) ?? null)),
        ['send-performance', d.area.name, ...(typeof part === 'string' ? [part] : []), period.key],
        format,
        performance.now(),
      );
    });
  }

  // ------------------------------------------------------------------ one measure

  app.get('/performance/measures/:id', { preHandler: requireSignIn }, async (request, reply) => {
    performance.requireView(request.ctx);
    const match = MEASURE_PATH.exec((request.params as { id: string }).id);
    if (!match) throw new NotFoundError('no such measure');
    const id = match[1] as string;
    const format = match[2] as 'csv' | 'xlsx' | undefined;
    const measure = performance.definition(request.ctx, id);

    if (format) {
      const period = periodOrBadRequest(request);
      const tableName = (request.query as Record<string, unknown>).table;
      if (tableName !== undefined && !(MEASURE_TABLES as readonly unknown[]).includes(tableName))
        throw new NotFoundError('no such table');
      const detail = await performance.measureDetail(request.ctx, id, { period });
      let table: Table;
      if (tableName === undefined) table = measureDownload(detail.view, detail);
      else {
        const model = measureTable(detail.view, detail, tableName as MeasureTable);
        if (!model) throw new NotFoundError('this measure has no such table');
        table = downloadTable(model);
      }
      return send(
        reply,
        table,
        [measure.id, ...(typeof tableName === 'string' ? [tableName] : []), period.key],
        format,
        performance.now(),
      );
    }

    const choice = choose(request);
    const today = performance.today();
    const action = PERFORMANCE_PATHS.measure(id);
    if (!choice.ok)
      return reply.code(400).page('performance/views/measure', {
        pageTitle: measure.title,
        areaName: container.config.area.areaName,
        backHref: PERFORMANCE_PATHS.dashboard,
        errors: choice.errors,
        form: periodForm(choice.values, choice.errors, today, action),
        m: { title: measure.title, definitionHref: PERFORMANCE_PATHS.definition(id), allDownloads: null },
      });
    const detail = await performance.measureDetail(request.ctx, id, { period: choice.period });
    const section = await withCharts(measureSection(detail.view, detail));
    return reply.page('performance/views/measure', {
      pageTitle: `${measure.title}, ${choice.period.label}`,
      areaName: detail.area.name,
      backHref: `${PERFORMANCE_PATHS.dashboard}${choice.chosen ? periodQuery(choice.period) : ''}`,
      periodHeading: periodHeading(detail.period, detail.today),
      form: periodForm(choice.values, undefined, today, action),
      m: { ...section, ...measureDetailTables(detail.view, detail) },
    });
  });

  app.get('/performance/measures/:id/definition', { preHandler: requireSignIn }, async (request, reply) => {
    const measure = performance.definition(request.ctx, (request.params as { id: string }).id);
    return reply.page('performance/views/definition', {
      pageTitle: `${measure.title}: definition`,
      measure,
      rows: definitionRows(measure),
      measureHref: PERFORMANCE_PATHS.measure(measure.id),
      dashboardHref: PERFORMANCE_PATHS.dashboard,
    });
  });
}
