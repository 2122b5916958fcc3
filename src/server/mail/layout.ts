/**
 * Renders a mail once as plain text and once as HTML from the same blocks, so the text part can never miss
 * something the HTML part says.
 */
import type { Locale } from '../catalog/types.ts';

/** A label–value pair; `href` makes the value a link in HTML (mailto:, tel:), the text part shows the value. */
export interface Fact {
  label: string;
  value: string;
  href?: string | undefined;
}

/** One piece of a mail body. */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Label–value pairs, such as the dossier code and PIN, optionally under a heading. */
  | { kind: 'facts'; heading?: string; items: Fact[] }
  | { kind: 'list'; heading?: string; items: string[] }
  | { kind: 'link'; label: string; url: string };

/** A whole mail: the portal's name on top, the body, and a footer (the agency's contacts, the signature). */
export interface MailContent {
  portalName: string;
  body: Block[];
  footer: Block[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'facts':
      return [...(b.heading ? [b.heading] : []), ...b.items.map((i) => `${i.label}: ${i.value}`)].join('\n');
    case 'list':
      return [...(b.heading ? [b.heading] : []), ...b.items.map((i) => `- ${i}`)].join('\n');
    case 'link':
      return `${b.label}:\n${b.url}`;
  }
}

/**
 * The plain-text part: blocks separated by blank lines, lists with dashes, links written out in full, the footer
 * after a rule. Complete on its own: a mail client that shows no HTML loses nothing.
 */
export function renderText(mail: MailContent): string {
  return [...mail.body.map(blockText), '—', ...mail.footer.map(blockText)].join('\n\n') + '\n';
}

// Inline styles only: mail clients drop <style> elements and never load stylesheets. The colours are the portal's
// (global.css) and keep 4.5:1 contrast; without styles the markup still reads in order, like the text part.
const BRAND = '#a3141e';
const LINK = '#1d4f91';
const S = {
  body: 'margin:0;padding:0;background:#f3f2f1;',
  wrap: 'max-width:600px;margin:0 auto;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;',
  header: `margin:0;padding:12px 20px;background:${BRAND};color:#ffffff;font-size:18px;font-weight:bold;`,
  main: 'padding:8px 20px 16px;',
  p: 'margin:0 0 16px;',
  heading: 'margin:0 0 4px;font-weight:bold;',
  table: 'border-collapse:collapse;margin:0 0 16px;width:100%;',
  th: 'text-align:left;vertical-align:top;padding:4px 12px 4px 0;font-weight:normal;color:#505a5f;width:40%;',
  td: 'vertical-align:top;padding:4px 0;font-weight:bold;',
  ul: 'margin:0 0 16px;padding-left:20px;',
  button: `display:inline-block;padding:8px 16px;background:${BRAND};color:#ffffff;font-weight:bold;text-decoration:none;border-radius:2px;`,
  url: 'display:block;margin-top:4px;font-size:14px;color:#505a5f;word-break:break-all;',
  footer: 'padding:12px 20px 16px;border-top:4px solid #b1b4b6;background:#f8f8f8;font-size:14px;color:#0b0c0c;',
  link: `color:${LINK};`,
};

function factValue(i: Fact): string {
  return i.href ? `<a href="${escapeHtml(i.href)}" style="${S.link}">${escapeHtml(i.value)}</a>` : escapeHtml(i.value);
}

function blockHtml(b: Block): string {
  const heading = (text: string | undefined) => (text ? `<p style="${S.heading}">${escapeHtml(text)}</p>\n` : '');
  switch (b.kind) {
    case 'paragraph':
      return `<p style="${S.p}">${escapeHtml(b.text)}</p>`;
    case 'facts':
      return `${heading(b.heading)}<table role="presentation" style="${S.table}">\n${b.items
        .map((i) => `<tr><th scope="row" style="${S.th}">${escapeHtml(i.label)}</th><td style="${S.td}">${factValue(i)}</td></tr>`)
        .join('\n')}\n</table>`;
    case 'list':
      return `${heading(b.heading)}<ul style="${S.ul}">\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'link':
      return `<p style="${S.p}"><a href="${escapeHtml(b.url)}" style="${S.button}">${escapeHtml(b.label)}</a><span style="${S.url}">${escapeHtml(b.url)}</span></p>`;
  }
}

/**
 * The HTML part: one centred column at most 600 px wide, the portal's name in a band on top, the footer set apart.
 * Inline styles only, no scripts, no images (blocked by most clients, and nothing may depend on them), every value
 * escaped.
 */
export function renderHtml(mail: MailContent, locale: Locale, title: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>' + escapeHtml(title) + '</title></head>',
    `<body style="${S.body}">`,
    `<div style="${S.wrap}">`,
    `<p style="${S.header}">${escapeHtml(mail.portalName)}</p>`,
    `<div style="${S.main}">`,
    ...mail.body.map(blockHtml),
    '</div>',
    `<div style="${S.footer}">`,
    ...mail.footer.map(blockHtml),
    '</div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
