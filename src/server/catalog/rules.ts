/**
 * The two legal regimes and the helpers that pick the rules in force on a date.
 *
 * Until 30 June 2026: the Law on Civil Judgment Enforcement 2008 (as amended) with Decree 62/2015/NĐ-CP.
 * From 1 July 2026: the new Law (reported as 106/2025/QH15) with Decree 152/2026/NĐ-CP, which repeals Decree 62.
 */
import type { Citation, DateISO, Procedure, RuleSet, Text } from './types.ts';

/** The first day the 2025 Law and Decree 152/2026 apply. */
export const NEW_REGIME_FROM: DateISO = '2026-07-01';

/**
 * The first day the catalog's old-regime rules describe: the 2014 amendments to the 2008 Law took effect on 1 July
 * 2015. Dossiers in this portal are all later, so nothing depends on the exact day.
 */
export const OLD_REGIME_FROM: DateISO = '2015-07-01';

/** Instrument numbers, spelled as they are printed. */
export const instruments = {
  law2008: '26/2008/QH12',
  law2025: '106/2025/QH15',
  decree62: '62/2015/NĐ-CP',
  decree152: '152/2026/NĐ-CP',
  decision630: '630/QĐ-BTP',
  circular13: '13/2021/TT-BTP',
  circular216: '216/2016/TT-BTC',
  denunciationLaw: '25/2018/QH14',
} as const;

/** A citation: short references in both languages and the instrument's number. */
export function cite(vi: string, en: string, instrument: string): Citation {
  return { ref: { vi, en }, instrument };
}

/** A provision of the 2008 Law, e.g. `law2008('khoản 2 Điều 31', 'Art. 31(2)')`. */
export function law2008(vi: string, en: string): Citation {
  return cite(`${vi} Luật Thi hành án dân sự 2008`, `${en}, Law on Civil Judgment Enforcement 2008`, instruments.law2008);
}

/** The 2025 Law as a whole: its article numbers could not be checked against the text. */
export const law2025: Citation = cite(
  'Luật Thi hành án dân sự 2025',
  'Law on Civil Judgment Enforcement 2025',
  instruments.law2025,
);

/** A provision of Decree 152/2026, e.g. `decree152('khoản 3 Điều 32', 'Art. 32(3)')`. */
export function decree152(vi: string, en: string): Citation {
  return cite(`${vi} Nghị định 152/2026/NĐ-CP`, `${en}, Decree 152/2026/NĐ-CP`, instruments.decree152);
}

/** A provision of Decree 62/2015 (repealed on 1 July 2026). */
export function decree62(vi: string, en: string): Citation {
  return cite(`${vi} Nghị định 62/2015/NĐ-CP`, `${en}, Decree 62/2015/NĐ-CP`, instruments.decree62);
}

/** The usual "from a complete application" starting point of a one-stop time limit. */
export const fromCompleteApplication: Text = {
  vi: 'kể từ ngày nhận đủ hồ sơ hợp lệ',
  en: 'from the day a complete application is received',
};

/**
 * The rule set in force on the day a dossier was received: the latest one that took effect on or before that day.
 * A day before the oldest rule set gets the oldest (the catalog does not go further back).
 */
export function rulesFor(procedure: Pick<Procedure, 'rules'>, receivedOn: DateISO): RuleSet {
  let current = procedure.rules[0];
  if (current === undefined) throw new Error('A procedure must have at least one rule set');
  for (const rules of procedure.rules) if (rules.effectiveFrom <= receivedOn) current = rules;
  return current;
}

/** Rule sets already enacted that take effect after `on` (shown beside the current ones on guidance pages). */
export function upcomingRules(procedure: Pick<Procedure, 'rules'>, on: DateISO): RuleSet[] {
  return procedure.rules.filter((rules) => rules.effectiveFrom > on);
}
