/**
 * Each agency's yearly targets (chỉ tiêu): the completion rate by cases and by money it is to reach in a statistical
 * year, set by the head of the provincial agency or an administrator (src/server/enforcement-results/access.ts).
 * Stored in hundredths of a percent; every change is audited with the values before and after.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { Database } from '../schema.ts';
import { EnforcementError, targetScope, type EnforcementActor } from './access.ts';

/**
 * A percentage as staff type it, in hundredths (81,5 → 8150): a decimal comma (vi-VN) or point, at most two
 * decimals, an optional % sign, between 0 and 100. Null when it is not one.
 */
export function parsePercent(value: string): number | null {
  const v = value.trim().replace(/\s*%$/, '').trim();
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return hundredths <= 10_000 ? hundredths : null;
}

/** 8150 → "81,5" (what the form shows again). */
export const percentText = (hundredths: number) => (hundredths / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2, useGrouping: false });

export interface TargetRow {
  agencyCode: string;
  agencyName: string;
  kind: 'provincial' | 'regional';
  /** Hundredths of a percent; null when not set. */
  casesTarget: number | null;
  moneyTarget: number | null;
  setAt: Date | null;
}

/** The targets of a year for the agencies the actor sets them for. @throws EnforcementError('forbidden') */
export async function listTargets(db: Kysely<Database>, actor: EnforcementActor, year: number): Promise<TargetRow[]> {
  const agencies = await targetScope(db, actor);
  const set = await db
    .selectFrom('enforcement_targets')
    .selectAll()
    .where('statistical_year', '=', year)
    .where(
      'agency_code',
      'in',
      agencies.map((a) => a.code),
    )
    .execute();
  return agencies.map((a) => {
    const t = set.find((s) => s.agency_code === a.code);
    return { agencyCode: a.code, agencyName: a.name_vi, kind: a.kind, casesTarget: t?.cases_target ?? null, moneyTarget: t?.money_target ?? null, setAt: t ? new Date(t.set_at) : null };
  });
}

export const TARGET_YEARS = { min: 2020, max: 2100 } as const;

/**
 * Sets targets, as typed, for several agencies of one year: `input` maps an agency code to its two percentages
 * (both empty: left as they are). All or nothing: any bad value → EnforcementError('invalid') with fields
 * `<code>.cases` / `<code>.money` → 'required' | 'percent'. Returns the agencies whose targets changed.
 */
export async function setTargets(
  db: Kysely<Database>,
  actor: EnforcementActor,
  year: number,
  input: Record<string, { cases: string; money: string }>,
): Promise<string[]> {
  if (!Number.isInteger(year) || year < TARGET_YEARS.min || year > TARGET_YEARS.max) throw new EnforcementError('invalid', { year: 'year' });
  return db.transaction().execute(async (trx) => {
    const agencies = await targetScope(trx, actor);
    const allowed = new Set(agencies.map((a) => a.code));
    const fields: Record<string, string> = {};
    const wanted: { code: string; cases: number; money: number }[] = [];
    for (const [code, typed] of Object.entries(input)) {
      if (!allowed.has(code)) throw new EnforcementError('forbidden');
      const cases = typed.cases.trim();
      const money = typed.money.trim();
      if (!cases && !money) continue;
      const c = parsePercent(cases);
      const m = parsePercent(money);
      if (c === null) fields[`${code}.cases`] = cases ? 'percent' : 'required';
      if (m === null) fields[`${code}.money`] = money ? 'percent' : 'required';
      if (c !== null && m !== null) wanted.push({ code, cases: c, money: m });
    }
    if (Object.keys(fields).length > 0) throw new EnforcementError('invalid', fields);
    const changed: string[] = [];
    for (const w of wanted) {
      const before = await trx
        .selectFrom('enforcement_targets')
        .select(['cases_target', 'money_target'])
        .where('agency_code', '=', w.code)
        .where('statistical_year', '=', year)
        .forUpdate()
        .executeTakeFirst();
      if (before && before.cases_target === w.cases && before.money_target === w.money) continue;
      await trx
        .insertInto('enforcement_targets')
        .values({ agency_code: w.code, statistical_year: year, cases_target: w.cases, money_target: w.money, set_by: actor.id })
        .onConflict((oc) => oc.columns(['agency_code', 'statistical_year']).doUpdateSet({ cases_target: w.cases, money_target: w.money, set_by: actor.id, set_at: new Date() }))
        .execute();
      await recordAudit(trx, { id: actor.id, email: actor.email, ip: actor.ip ?? null }, {
        action: 'enforcement_targets.set',
        entityType: 'enforcement_target',
        entityId: `${w.code}/${year}`,
        agencyCode: w.code,
        before: before ? { cases: before.cases_target / 100, money: before.money_target / 100 } : null,
        after: { cases: w.cases / 100, money: w.money / 100 },
      });
      changed.push(w.code);
    }
    return changed;
  });
}
