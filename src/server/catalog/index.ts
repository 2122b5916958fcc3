/**
 * The procedure catalog: every procedure a citizen can file, as data (see DESIGN.md). Pages, forms, validation,
 * the staff view and receipts all read from here.
 */
import { changeOfficer } from './change-officer.ts';
import { coercionCostExemption } from './coercion-cost-exemption.ts';
import { complaint } from './complaint.ts';
import { confirmResult } from './confirm-result.ts';
import { denunciation } from './denunciation.ts';
import { enforcementFeeExemption } from './enforcement-fee-exemption.ts';
import { registryCorrection } from './registry-correction.ts';
import { requestEnforcement } from './request-enforcement.ts';
import type { Locale, Procedure } from './types.ts';

export type * from './types.ts';
export { errorKeys, errorText, fieldErrorText, isErrorKey, type ErrorKey } from './errors.ts';
export { buildSchema, conditionText, fieldApplies, optionsFor, sharedCondition, type CrossCheck } from './fields.ts';
export { parseField, parseMoney } from './parse.ts';
export { NEW_REGIME_FROM, rulesFor, upcomingRules } from './rules.ts';
export { isPastLimitation } from './request-enforcement.ts';
export { estimateEnforcementFee } from './enforcement-fee-exemption.ts';

/** Every procedure, in the order the portal lists them: the five one-stop procedures, then complaint and denunciation. */
export const procedures: readonly Procedure[] = [
  requestEnforcement,
  confirmResult,
  changeOfficer,
  coercionCostExemption,
  enforcementFeeExemption,
  registryCorrection,
  complaint,
  denunciation,
];

/** The procedures handled under the one-stop (một cửa) rules. */
export const oneStopProcedures: readonly Procedure[] = procedures.filter((p) => p.kind === 'one-stop');

const byCode = new Map(procedures.map((p) => [p.code, p]));

/** The procedure with this code (e.g. "YCTHA"), if any. */
export function procedureByCode(code: string): Procedure | undefined {
  return byCode.get(code);
}

/** The procedure whose URL slug in `locale` is `slug`, if any. */
export function procedureBySlug(slug: string, locale: Locale): Procedure | undefined {
  return procedures.find((p) => p.slug[locale] === slug);
}
