/**
 * The id of a database row as it arrives from an address, a form field or an action's target. Up to 15 digits: any
 * id the database could hold that is still a safe integer once read with Number(); anything else (a sign, a decimal
 * point, spaces, an id no row could have) is treated as no id at all, so it never reaches a query.
 */
const ROW_ID = /^\d{1,15}$/;

export function isRowId(value: unknown): value is string {
  return typeof value === 'string' && ROW_ID.test(value);
}

/** The row id `value` names, or null when it names none. */
export function rowIdOf(value: string | null | undefined): number | null {
  return isRowId(value) ? Number(value) : null;
}
