import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { reportProblemHref } from './report-link.ts';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(modules), { autoescape: true });

describe('the report-a-problem partial', () => {
  it('links to the form for the page it is on', () => {
    const html = env.render('feedback/views/report-link.njk', {
      reportProblemHref: reportProblemHref('/local-offer/information/short-breaks'),
    });
    expect(html).toContain(
      '<a class="govuk-link" href="/local-offer/report-a-problem?page=%2Flocal-offer%2Finformation%2Fshort-breaks">Report a problem with this page</a>',
    );
  });

  it('takes the link from the layout, or goes to the form alone', () => {
    expect(
      env.render('feedback/views/report-link.njk', {
        layout: { reportProblemHref: reportProblemHref('/x') },
      }),
    ).toContain('href="/local-offer/report-a-problem?page=%2Fx"');
    expect(env.render('feedback/views/report-link.njk', {})).toContain(
      'href="/local-offer/report-a-problem"',
    );
  });
});
