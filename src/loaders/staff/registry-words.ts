/**
 * The public list's problem codes in words (src/i18n/staff/registry.ts): a field's problem, a CSV file's or row's
 * problem, a refusal not about one field; and the dates as the pages write them.
 */
import { staffText } from '../../i18n/staff/index.ts';
import type { ErrorLink } from '../error-link.ts';

const t = staffText.registry;
const p = t.problems;

/** A field problem from the service → what to tell the officer. */
function fieldMessage(field: string, problem: string): string {
  const label = t.fields[field] ?? field;
  if (problem === 'required' && p.requiredChoice[field]) return p.requiredChoice[field];
  return p.field[problem]?.(label) ?? p.fieldInvalid(label);
}

/** A file or row problem of a CSV import. */
export function importMessage(field: string | undefined, reason: string, other?: number): string {
  const words = p.import[reason];
  if (!words) return field ? fieldMessage(field, reason) : p.rowInvalid;
  if (reason === 'duplicate_row') return words(String(other ?? ''));
  return words(reason === 'unknown_column' ? (field ?? '') : String(field));
}

/** A refusal that is not about one field (another code: the words of a failed action). */
export function problemMessage(problem: string | null): string {
  return (problem !== null && p.refusal[problem]) || staffText.common.actionFailed;
}

/**
 * The error summary and the messages under the fields of a refused entry form (the province follows the agency, so
 * its problem links to the agency's field); a refusal not about a field links to `href`.
 */
export function entryRefusal(
  refused: { problem: string | null; fields: Record<string, string> },
  href: string,
): ErrorLink | { errors: ErrorLink[]; fieldErrors: Record<string, string> } {
  if (refused.problem !== 'invalid') return { href, text: problemMessage(refused.problem) };
  const errors: ErrorLink[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(refused.fields)) {
    const text = fieldMessage(field, problem);
    fieldErrors[field] = text;
    errors.push({ href: field === 'province_code' ? '#f-agency_code-input' : `#f-${field}-input`, text });
  }
  return { errors, fieldErrors };
}

/** 23/11/2026 from 2026-11-23. */
export const vnDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '—');
