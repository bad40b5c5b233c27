/**
 * Markdown for editor-written pages (Local Offer information pages), rendered as safe HTML with GOV.UK Frontend
 * classes.
 *
 * Safety comes from markdown-it itself, not from cleaning HTML afterwards:
 * - `html: false`: raw HTML in the source (`<script>`, `<img onerror>`, comments) is escaped and shown as text;
 * - links are allowed only to `http:`, `https:`, `mailto:`, `tel:` and relative addresses; anything else
 *   (`javascript:`, `data:`, `vbscript:`, `file:`, …) is not turned into a link and stays as plain text;
 * - images are switched off, so no request leaves the page for an editor-chosen address;
 * - every text and attribute value is escaped by markdown-it's renderer.
 *
 * `markdownProblems` explains to an editor, in GOV.UK error-message style, what in the source would not be shown
 * as they meant it, so the form can refuse it before it is published.
 */
import MarkdownIt, { type StateCore, type Token } from 'markdown-it';

/** The most characters an editor may write in one page's text. */
export const MAX_MARKDOWN_LENGTH = 50_000;

/** Past this size `markdownProblems` does not parse the text at all: it only says it is too long. */
const PARSE_LIMIT = MAX_MARKDOWN_LENGTH * 4;

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

export type RenderMarkdownOptions = {
  /**
   * The host the site is served on (for example `localoffer.wolverhampton.example`). Absolute links to it are
   * not treated as external. Without it every `http:`/`https:` link counts as external.
   */
  siteHost?: string;
};

/**
 * True for an address a link may point to: `http:`, `https:`, `mailto:`, `tel:`, or a relative address
 * (`/path`, `page`, `#section`, `?query`, `//host/path`). Anything with another scheme is refused.
 */
export function isSafeLinkTarget(url: string): boolean {
  const trimmed = url.trim();
  // A colon before the first '/', '?' or '#' means the address starts with a scheme.
  const scheme = /^([^/?#]*?):/.exec(trimmed);
  if (!scheme) return true;
  return ALLOWED_SCHEMES.has((scheme[1] ?? '').toLowerCase());
}

function externalHost(href: string): string | null {
  if (!/^(https?:)?\/\//i.test(href.trim())) return null;
  try {
    return new URL(href.trim(), 'https://relative.invalid').host.toLowerCase();
  } catch {
    return '';
  }
}

const HEADING_CLASSES: Record<string, string> = {
  h2: 'govuk-heading-l',
  h3: 'govuk-heading-m',
  h4: 'govuk-heading-s',
  h5: 'govuk-heading-s',
  h6: 'govuk-heading-s',
};

const BLOCK_CLASSES: Record<string, string> = {
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  table_open: 'govuk-table',
  thead_open: 'govuk-table__head',
  tbody_open: 'govuk-table__body',
  tr_open: 'govuk-table__row',
  hr: 'govuk-section-break govuk-section-break--l govuk-section-break--visible',
};

function decorateCell(token: Token, kind: 'header' | 'cell'): void {
  // markdown-it aligns columns with inline styles, which the Content Security Policy would block: use classes.
  const style = token.attrGet('style');
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
  token.attrJoin('class', `govuk-table__${kind}`);
  if (typeof style === 'string' && style.includes('right'))
    token.attrJoin('class', `govuk-table__${kind}--numeric`);
}

function decorateLink(token: Token, siteHost: string | undefined): void {
  token.attrJoin('class', 'govuk-link');
  const href = token.attrGet('href');
  if (typeof href !== 'string') return;
  const host = externalHost(href);
  if (host !== null && host !== siteHost) token.attrSet('rel', 'noreferrer noopener');
}

function decorate(token: Token, siteHost: string | undefined, inTableHead: boolean): void {
  switch (token.type) {
    case 'heading_open':
    case 'heading_close':
      // The page template owns the only h1.
      if (token.tag === 'h1') token.tag = 'h2';
      if (token.type === 'heading_open')
        token.attrJoin('class', HEADING_CLASSES[token.tag] ?? 'govuk-heading-s');
      return;
    case 'blockquote_open':
    case 'blockquote_close':
      token.tag = 'div';
      if (token.type === 'blockquote_open') token.attrJoin('class', 'govuk-inset-text');
      return;
    case 'th_open':
      decorateCell(token, 'header');
      if (inTableHead) token.attrSet('scope', 'col');
      return;
    case 'td_open':
      decorateCell(token, 'cell');
      return;
    case 'link_open':
      decorateLink(token, siteHost);
      return;
    default: {
      const className = BLOCK_CLASSES[token.type];
      if (className) token.attrJoin('class', className);
    }
  }
}

function govukClasses(state: StateCore): void {
  const siteHost =
    typeof state.env['siteHost'] === 'string' ? state.env['siteHost'].toLowerCase() : undefined;
  let inTableHead = false;
  for (const token of state.tokens) {
    if (token.type === 'thead_open') inTableHead = true;
    if (token.type === 'thead_close') inTableHead = false;
    decorate(token, siteHost, inTableHead);
    for (const child of token.children ?? []) decorate(child, siteHost, false);
  }
}

const renderer = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  maxNesting: 20,
});
renderer.validateLink = isSafeLinkTarget;
renderer.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
renderer.disable('image');
renderer.core.ruler.push('govuk_classes', govukClasses);

/**
 * Renders editor-written Markdown as HTML that is safe to put on a public page unescaped (`| safe` in Nunjucks).
 */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  return renderer.render(source, { siteHost: options.siteHost });
}

// A second parser that accepts everything, only to find what the renderer would refuse and say why.
const inspector = new MarkdownIt('default', { html: true, linkify: true, maxNesting: 20 });
inspector.validateLink = () => true;
inspector.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

function textOf(tokens: Token[], from: number, closeType: string): string {
  let text = '';
  for (let i = from + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.type === closeType) break;
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
  }
  return text.trim();
}

function shorten(value: string, length = 60): string {
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

/**
 * What an editor must change in the Markdown before it can be published, as GOV.UK-style error messages.
 * An empty list means the text is fine.
 */
export function markdownProblems(source: string): string[] {
  const problems = new Set<string>();
  if (source.trim() === '') return ['Enter the page text'];
  if (source.length > MAX_MARKDOWN_LENGTH) {
    problems.add(`Page text must be ${MAX_MARKDOWN_LENGTH.toLocaleString('en-GB')} characters or fewer`);
    if (source.length > PARSE_LIMIT) return [...problems];
  }

  const blocks = inspector.parse(source, {});
  for (const block of blocks) {
    if (block.type === 'html_block')
      problems.add('Remove the HTML from the page text – use Markdown instead');
    const inline = block.children ?? [];
    inline.forEach((token, index) => {
      if (token.type === 'html_inline') {
        problems.add('Remove the HTML from the page text – use Markdown instead');
      } else if (token.type === 'image') {
        problems.add('Remove the image from the page text – images cannot be shown on this page');
      } else if (token.type === 'link_open') {
        const href = String(token.attrGet('href') ?? '');
        const text = textOf(inline, index, 'link_close');
        if (!isSafeLinkTarget(href)) {
          problems.add(
            `Change the address of the link ‘${shorten(text || href)}’ – it must start with https://, mailto:, tel: or /`,
          );
        } else if (text === '') {
          problems.add(`Add link text for ${shorten(href)} – say where the link goes`);
        }
      }
    });
  }
  return [...problems];
}
