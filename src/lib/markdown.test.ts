import { describe, expect, it } from 'vitest';
import { isSafeLinkTarget, markdownProblems, MAX_MARKDOWN_LENGTH, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('gives headings GOV.UK classes and demotes h1 to h2', () => {
    const html = renderMarkdown('# Top\n\n## Section\n\n### Part\n\n#### Detail');
    expect(html).toContain('<h2 class="govuk-heading-l">Top</h2>');
    expect(html).toContain('<h2 class="govuk-heading-l">Section</h2>');
    expect(html).toContain('<h3 class="govuk-heading-m">Part</h3>');
    expect(html).toContain('<h4 class="govuk-heading-s">Detail</h4>');
    expect(html).not.toContain('<h1');
  });

  it('gives paragraphs, lists, inset text and section breaks GOV.UK classes', () => {
    const html = renderMarkdown('Some text.\n\n- one\n- two\n\n1. first\n2. second\n\n> Note this\n\n---\n');
    expect(html).toContain('<p class="govuk-body">Some text.</p>');
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">\n<li>one</li>');
    expect(html).toContain('<ol class="govuk-list govuk-list--number">\n<li>first</li>');
    expect(html).toContain('<div class="govuk-inset-text">\n<p class="govuk-body">Note this</p>\n</div>');
    expect(html).toContain(
      '<hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible">',
    );
    expect(html).not.toContain('<blockquote');
  });

  it('escapes a script tag instead of passing it through', () => {
    const html = renderMarkdown('Hello <script>alert("x")</script>\n\n<script>\nalert(1)\n</script>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;');
  });

  it('escapes an image with an onerror handler and other raw HTML', () => {
    const html = renderMarkdown(
      '<img src=x onerror="alert(1)">\n\nText <a href="javascript:alert(1)">x</a> <!-- c -->',
    );
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a href="javascript/i);
    expect(html).not.toContain('<!--');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('does not turn javascript:, data:, vbscript: or file: targets into links', () => {
    for (const target of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png;base64,iVBORw0KGgo=',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ]) {
      const html = renderMarkdown(`[Click me](${target}) and <${target}> and [ref]\n\n[ref]: ${target}`);
      expect(html, target).not.toContain('<a');
      expect(html, target).toContain('[Click me]');
    }
  });

  it('does not accept a scheme hidden with entities or encoding', () => {
    for (const source of [
      '[x](&#106;avascript:alert(1))',
      '[x](javascript&colon;alert(1))',
      '[x](%6Aavascript:alert(1))',
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toMatch(/href="[^"]*javascript:/i);
      expect(html, source).not.toMatch(/href="[^"/]*:/);
    }
  });

  it('renders ordinary links with govuk-link and marks external ones noreferrer noopener', () => {
    const html = renderMarkdown(
      '[Request](/ehc/request) [Help](#help) [GOV.UK](https://www.gov.uk/help) [Email](mailto:a@b.example) [Call](tel:01632960000)',
    );
    expect(html).toContain('<a href="/ehc/request" class="govuk-link">Request</a>');
    expect(html).toContain('<a href="#help" class="govuk-link">Help</a>');
    expect(html).toContain(
      '<a href="https://www.gov.uk/help" class="govuk-link" rel="noreferrer noopener">GOV.UK</a>',
    );
    expect(html).toContain('<a href="mailto:a@b.example" class="govuk-link">Email</a>');
    expect(html).toContain('<a href="tel:01632960000" class="govuk-link">Call</a>');
  });

  it('treats links to the site’s own host as internal', () => {
    const options = { siteHost: 'localoffer.wolverhampton.example' };
    const own = renderMarkdown('[Own](https://localoffer.wolverhampton.example/x)', options);
    expect(own).not.toContain('rel=');
    const other = renderMarkdown(
      '[Other](http://elsewhere.example/x) [Relative](//elsewhere.example/y)',
      options,
    );
    expect(other.match(/rel="noreferrer noopener"/g)).toHaveLength(2);
  });

  it('links bare web addresses but not bare domain names', () => {
    const html = renderMarkdown('See https://www.gov.uk/children-with-special-educational-needs or gov.uk.');
    expect(html).toContain(
      '<a href="https://www.gov.uk/children-with-special-educational-needs" class="govuk-link" rel="noreferrer noopener">',
    );
    expect(html).toContain('or gov.uk.');
  });

  it('renders tables with GOV.UK table classes and no inline styles', () => {
    const html = renderMarkdown('| Step | Weeks |\n| :--- | ----: |\n| Decision | 6 |\n| Final plan | 20 |');
    expect(html).toContain('<table class="govuk-table">');
    expect(html).toContain('<thead class="govuk-table__head">');
    expect(html).toContain('<th class="govuk-table__header" scope="col">Step</th>');
    expect(html).toContain(
      '<th class="govuk-table__header govuk-table__header--numeric" scope="col">Weeks</th>',
    );
    expect(html).toContain('<tbody class="govuk-table__body">');
    expect(html).toContain('<tr class="govuk-table__row">');
    expect(html).toContain('<td class="govuk-table__cell">Decision</td>');
    expect(html).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">6</td>');
    expect(html).not.toContain('style=');
  });

  it('does not show images', () => {
    const html = renderMarkdown('![A photo](https://example.org/a.png)');
    expect(html).not.toContain('<img');
  });

  it('escapes text and attribute values', () => {
    const html = renderMarkdown('Fish & chips "quoted" [x](/a?b=1&c="2") `<b>code</b>`');
    expect(html).toContain('Fish &amp; chips &quot;quoted&quot;');
    expect(html).toContain('href="/a?b=1&amp;c=%222%22"');
    expect(html).toContain('<code>&lt;b&gt;code&lt;/b&gt;</code>');
  });

  it('renders long and deeply nested input quickly', () => {
    const long = 'A paragraph of plain text about short breaks. '.repeat(1_100);
    expect(long.length).toBeGreaterThan(MAX_MARKDOWN_LENGTH);
    const started = performance.now();
    expect(renderMarkdown(long)).toMatch(/^<p class="govuk-body">A paragraph/);
    renderMarkdown('> '.repeat(5_000) + 'deep');
    renderMarkdown('['.repeat(20_000) + 'x' + ']('.repeat(20_000));
    renderMarkdown('*'.repeat(50_000) + 'x');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('isSafeLinkTarget', () => {
  it('allows web, email, phone and relative addresses only', () => {
    for (const ok of [
      'https://a.example',
      'HTTP://a.example',
      'mailto:a@b.example',
      'tel:01632960000',
      '/x',
      'x',
      '#y',
      '?z',
      '//h/p',
    ])
      expect(isSafeLinkTarget(ok), ok).toBe(true);
    for (const bad of [
      'javascript:x',
      ' javascript:x',
      'data:x',
      'vbscript:x',
      'file:x',
      'ftp://x',
      'java%09script:x',
    ])
      expect(isSafeLinkTarget(bad), bad).toBe(false);
  });
});

describe('markdownProblems', () => {
  it('finds nothing wrong with ordinary Markdown', () => {
    expect(
      markdownProblems(
        '## Heading\n\nText with a [link](/x) and `<code>`.\n\n```\n<div>shown as code</div>\n```',
      ),
    ).toEqual([]);
  });

  it('asks for text when there is none', () => {
    expect(markdownProblems('  \n ')).toEqual(['Enter the page text']);
  });

  it('asks for Markdown instead of HTML, once', () => {
    expect(markdownProblems('<p>Hello</p>\n\nText <b>bold</b> <img src=x onerror=alert(1)>')).toEqual([
      'Remove the HTML from the page text – use Markdown instead',
    ]);
    expect(markdownProblems('Hi <!-- hidden -->')).toEqual([
      'Remove the HTML from the page text – use Markdown instead',
    ]);
  });

  it('names links whose address cannot be used', () => {
    expect(markdownProblems('[Apply now](javascript:alert(1)) and <data:text/html,x>')).toEqual([
      'Change the address of the link ‘Apply now’ – it must start with https://, mailto:, tel: or /',
      'Change the address of the link ‘data:text/html,x’ – it must start with https://, mailto:, tel: or /',
    ]);
  });

  it('asks for link text and for images to be removed', () => {
    expect(markdownProblems('[](/ehc/request)\n\n![A photo](https://example.org/a.png)')).toEqual([
      'Add link text for /ehc/request – say where the link goes',
      'Remove the image from the page text – images cannot be shown on this page',
    ]);
  });

  it('limits the length to 50,000 characters', () => {
    expect(markdownProblems('a'.repeat(MAX_MARKDOWN_LENGTH))).toEqual([]);
    expect(markdownProblems('a'.repeat(MAX_MARKDOWN_LENGTH + 1))).toEqual([
      'Page text must be 50,000 characters or fewer',
    ]);
    const huge = '<b>x</b> '.repeat(200_000);
    const started = performance.now();
    expect(markdownProblems(huge)).toEqual(['Page text must be 50,000 characters or fewer']);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
