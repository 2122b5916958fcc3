/**
 * Renders a mail once as plain text and once as HTML from the same blocks, so the text part can never miss
 * something the HTML part says.
 */
import type { Locale } from '../catalog/types.ts';

/** One piece of a mail body. */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Label–value pairs, such as the dossier code and PIN. */
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'list'; heading?: string; items: string[] }
  | { kind: 'link'; label: string; url: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The plain-text part: blocks separated by blank lines, lists with dashes, links written out in full. */
export function renderText(blocks: Block[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'paragraph':
        return b.text;
      case 'facts':
        return b.items.map((i) => `${i.label}: ${i.value}`).join('\n');
      case 'list':
        return [...(b.heading ? [b.heading] : []), ...b.items.map((i) => `- ${i}`)].join('\n');
      case 'link':
        return `${b.label}:\n${b.url}`;
    }
  });
  return parts.join('\n\n') + '\n';
}

/** The HTML part: plain semantic markup without styles, scripts or remote images, every value escaped. */
export function renderHtml(blocks: Block[], locale: Locale, title: string): string {
  const body = blocks.map((b) => {
    switch (b.kind) {
      case 'paragraph':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'facts':
        return `<table role="presentation">\n${b.items
          .map((i) => `<tr><th scope="row">${escapeHtml(i.label)}</th><td><strong>${escapeHtml(i.value)}</strong></td></tr>`)
          .join('\n')}\n</table>`;
      case 'list':
        return `${b.heading ? `<p>${escapeHtml(b.heading)}</p>\n` : ''}<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
      case 'link':
        return `<p><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a><br>${escapeHtml(b.url)}</p>`;
    }
  });
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>' + escapeHtml(title) + '</title></head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
