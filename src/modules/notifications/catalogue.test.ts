import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REMINDER_TEMPLATES } from '../local-offer/management/domain/review.ts';
import {
  HIDDEN_LINK,
  isTemplateName,
  placeholdersOf,
  renderMessage,
  TEMPLATE_NAMES,
  TEMPLATES,
  templateEntry,
} from './catalogue.ts';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every template name the code queues: `template: '…'` properties and the names passed to notify(r, '…'). */
function templateNamesUsedInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const literals = (text: string) =>
    [...text.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1] as string);
  for (const file of sourceFiles(srcDir)) {
    if (file.includes(`${path.sep}notifications${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    const where = path.relative(srcDir, file);
    for (const m of text.matchAll(/\btemplate\??:\s*((?:'[^']+'\s*\|?\s*)+)/g))
      for (const name of literals(m[1] as string)) found.set(name, where);
    for (const m of text.matchAll(/\bnotify\(\s*\w+,\s*([^,]+),/g))
      for (const name of literals(m[1] as string)) found.set(name, where);
  }
  for (const name of Object.values(REMINDER_TEMPLATES)) found.set(name, 'local-offer reminders');
  return found;
}

describe('the template catalogue', () => {
  it('has an entry for every template the code queues', () => {
    const used = templateNamesUsedInSource();
    // The scan finds what it should: names from accounts, the Local Offer and EHC.
    for (const known of [
      'user-invitation',
      'password-reset',
      'ehc-request-received-family',
      'ehc-family-sign-in',
    ])
      expect([...used.keys()]).toContain(known);
    const missing = [...used]
      .filter(([name]) => !isTemplateName(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(missing, 'templates queued but not in src/modules/notifications/catalogue.ts').toEqual([]);
  });

  it('gives every entry a title, an audience, a subject and a body with the placeholders it names', () => {
    for (const name of TEMPLATE_NAMES) {
      const entry = TEMPLATES[name];
      expect(entry.title, name).not.toBe('');
      expect(entry.audience, name).not.toBe('');
      expect(entry.subject.length, name).toBeGreaterThan(5);
      expect(entry.body.length, name).toBeGreaterThan(20);
      for (const secret of 'secrets' in entry ? entry.secrets : [])
        expect(placeholdersOf(entry), name).toContain(secret);
    }
  });

  it('renders a message from its personalisation, as Notify would', () => {
    const entry = TEMPLATES['ehc-advice-requested'];
    expect(placeholdersOf(entry)).toEqual(['reference', 'due', 'portal']);
    const rendered = renderMessage(
      entry,
      { reference: 'EHC-2026-0001', due: '16 February 2026', portal: 'https://send.example/partner' },
      { revealSecrets: false },
    );
    expect(rendered.subject).toBe('Advice requested for an EHC needs assessment: EHC-2026-0001');
    expect(rendered.paragraphs).toEqual([
      'Your organisation has been asked for advice for an education, health and care (EHC) needs assessment (reference EHC-2026-0001).',
      'The advice is due by 16 February 2026.',
      'See the request and reply in the partner portal: https://send.example/partner',
    ]);
    expect(rendered.missing).toEqual([]);
  });

  it('reports placeholders the personalisation does not fill, leaving them visible', () => {
    const rendered = renderMessage(
      TEMPLATES['ehc-advice-requested'],
      { reference: 'R1' },
      { revealSecrets: true },
    );
    expect(rendered.missing).toEqual(['due', 'portal']);
    expect(rendered.paragraphs[1]).toBe('The advice is due by ((due)).');
  });

  it('hides sign-in and invitation links unless they may be shown', () => {
    const link = 'https://send.example/my-ehc/sign-in/secret-token';
    const hidden = renderMessage(TEMPLATES['ehc-family-sign-in'], { link }, { revealSecrets: false });
    expect(hidden.paragraphs.join(' ')).not.toContain('secret-token');
    expect(hidden.paragraphs[0]).toContain(HIDDEN_LINK);
    expect(hidden.hidden).toEqual(['link']);
    const shown = renderMessage(TEMPLATES['ehc-family-sign-in'], { link }, { revealSecrets: true });
    expect(shown.paragraphs[0]).toContain(link);
    const invitation = renderMessage(
      TEMPLATES['user-invitation'],
      { full_name: 'Sam', service_name: 'SEND', invitation_url: 'https://x/invitation/t0ken' },
      { revealSecrets: false },
    );
    expect(invitation.paragraphs.join(' ')).not.toContain('t0ken');
    expect(invitation.paragraphs[0]).toBe('Dear Sam');
  });

  it('knows what is not in it', () => {
    expect(templateEntry('no-such-template')).toBeUndefined();
    expect(isTemplateName('toString')).toBe(false);
  });
});
