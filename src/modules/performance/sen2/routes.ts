import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.ts';
import { isIsoDate } from '../../../lib/dates.ts';
import { RuleError } from '../../../lib/errors.ts';
import { pageFrom } from '../../../lib/pagination.ts';
import { requireSignIn } from '../../../plugins/session.ts';
import { dateFromFields } from '../../ehc/view-models.ts';
import { isSen2RuleId, type Sen2RuleId } from './domain/validate.ts';
import type { Sen2Report } from './service.ts';
import {
  censusDateHint,
  censusDateInput,
  datePartsOf,
  ISSUES_PAGE_SIZE,
  reportView,
  SEN2_PATHS,
  type DateParts,
} from './view-models.ts';

type Query = Record<string, unknown>;

const PARTS = ['day', 'month', 'year'] as const;

/**
 * The census date asked for: the form's three boxes (censusDate-day, -month, -year), or censusDate=YYYY-MM-DD
 * from the page's own links. Null when neither is there (the form's first showing).
 */
function censusDateFrom(
  query: Query,
): null | { ok: true; value: string; parts: DateParts } | { ok: false; message: string; parts: DateParts } {
  const fromBoxes = PARTS.some((p) => `censusDate-${p}` in query);
  if (fromBoxes) {
    const strings: Record<string, unknown> = {};
    for (const p of PARTS) {
      const raw = query[`censusDate-${p}`];
      strings[`censusDate-${p}`] = typeof raw === 'string' ? raw : '';
    }
    const parts = {
      day: String(strings['censusDate-day']).trim(),
      month: String(strings['censusDate-month']).trim(),
      year: String(strings['censusDate-year']).trim(),
    };
    const parsed = dateFromFields(strings, 'censusDate', 'the census date');
    return parsed.ok
      ? { ok: true, value: parsed.value, parts }
      : { ok: false, message: parsed.message, parts };
  }
  if (!('censusDate' in query)) return null;
  const raw = query.censusDate;
  if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) && isIsoDate(raw))
    return { ok: true, value: raw, parts: datePartsOf(raw) };
  return {
    ok: false,
    message: 'Enter the census date as a real date',
    parts: { day: '', month: '', year: '' },
  };
}

/** The SEN2 return at /performance/sen2. */
export async function registerSen2Routes(app: FastifyInstance, container: Container): Promise<void> {
  const sen2 = container.services.sen2;

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      parts: DateParts;
      error: string | null;
      report?: { report: Sen2Report; censusDate: string; rule: Sen2RuleId | null };
    },
  ) {
    const form = sen2.form(request.ctx);
    const page = pageFrom((request.query as Query).page, ISSUES_PAGE_SIZE);
    return reply.page('performance/sen2/views/sen2', {
      pageTitle: 'SEN2 return',
      errors: options.error
        ? {
            summary: [{ text: options.error, href: '#censusDate-day' }],
            fields: { censusDate: { text: options.error } },
          }
        : null,
      action: SEN2_PATHS.page,
      dateInput: censusDateInput(options.parts, options.error, censusDateHint(form.defaultCensusDate)),
      report: options.report
        ? reportView(options.report.report, options.report.censusDate, options.report.rule, page)
        : null,
    });
  }

  /** The census date of a request, or the page again with its error and a 400. */
  async function censusDateOr400(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const asked = censusDateFrom(request.query as Query);
    if (asked === null || !asked.ok) {
      const message = asked === null ? 'Enter the census date' : asked.message;
      await render(request, reply.code(400), {
        parts: asked?.parts ?? { day: '', month: '', year: '' },
        error: message,
      });
      return null;
    }
    return asked.value;
  }

  app.get(SEN2_PATHS.page, { preHandler: requireSignIn }, async (request, reply) => {
    // Only a SEND manager gets past this, whatever was asked.
    const form = sen2.form(request.ctx);
    const query = request.query as Query;
    const asked = censusDateFrom(query);
    if (asked === null)
      return render(request, reply, { parts: datePartsOf(form.defaultCensusDate), error: null });
    if (!asked.ok) return render(request, reply.code(400), { parts: asked.parts, error: asked.message });
    const rule = isSen2RuleId(query.rule) ? query.rule : null;
    try {
      const report = await sen2.report(request.ctx, asked.value);
      return render(request, reply, {
        parts: asked.parts,
        error: null,
        report: { report, censusDate: asked.value, rule },
      });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return render(request, reply.code(400), { parts: asked.parts, error: error.message });
    }
  });

  app.get(SEN2_PATHS.zip, { preHandler: requireSignIn }, async (request, reply) => {
    sen2.form(request.ctx);
    const censusDate = await censusDateOr400(request, reply);
    if (censusDate === null) return reply;
    try {
      const file = await sen2.download(request.ctx, censusDate);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(file.bytes));
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return render(request, reply.code(400), { parts: datePartsOf(censusDate), error: error.message });
    }
  });

  app.get(SEN2_PATHS.issues, { preHandler: requireSignIn }, async (request, reply) => {
    sen2.form(request.ctx);
    const censusDate = await censusDateOr400(request, reply);
    if (censusDate === null) return reply;
    try {
      const file = await sen2.issuesCsv(request.ctx, censusDate);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.text);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return render(request, reply.code(400), { parts: datePartsOf(censusDate), error: error.message });
    }
  });
}
