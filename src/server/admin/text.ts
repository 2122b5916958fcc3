/** What administrators type (contact details, names of days off) is kept as one clean line. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Trimmed, NFC, single spaces; empty → null. */
export function cleanText(value: string | null | undefined): string | null {
  const text = (value ?? '').normalize('NFC').replace(/[ \t]+/g, ' ').trim();
  return text === '' ? null : text;
}
