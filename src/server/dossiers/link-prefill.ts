/**
 * The answers a link may fill in on an application form. A link is anyone's to write: were every field open to it,
 * a link could set the applicant's e-mail address and the confirmation mail with the tracking PIN would go to
 * whoever wrote the link. So only the fields a portal feature puts in its own links are read, and nothing else.
 */
import type { Procedure } from '../catalog/types.ts';
import { registryCorrection } from '../catalog/registry-correction.ts';

/** Per procedure code, the fields its links carry. */
const LINKED_FIELDS: Record<string, readonly string[]> = {
  // The public list's "ask for a correction" (RegistryEntryPage): the entry, and the agency that listed it.
  [registryCorrection.code]: ['registryEntry', 'agency'],
};

/** The starting values a link's query string gives the form of `procedure`: shown, and validated like anything typed. */
export function linkPrefill(procedure: Procedure, params: URLSearchParams): Record<string, string> {
  const allowed = LINKED_FIELDS[procedure.code] ?? [];
  const prefill: Record<string, string> = {};
  for (const field of procedure.fields) {
    const value = params.get(field.name);
    if (value !== null && allowed.includes(field.name) && field.kind !== 'checkboxes') prefill[field.name] = value.slice(0, field.maxLength ?? 300);
  }
  return prefill;
}
