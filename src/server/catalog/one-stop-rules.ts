/**
 * Rules of the one-stop process itself (not of one procedure), as dated data: the time reception has to check an
 * online dossier for completeness, and what an apology must respect. A dossier uses the set in force on the day the
 * step began (submission for the check, receipt for the apology).
 *
 * Decree 61/2018/NĐ-CP governed the one-stop mechanism until 30 June 2025; Decree 118/2025/NĐ-CP replaced it from
 * 1 July 2025 (domain/one-stop.md; DEVELOPERS.md asks to check it before citing). The completeness check's one
 * working day is the rule the domain notes ask for until a primary text says otherwise — hence `unconfirmed`.
 */
import { inForceOn } from './in-force.ts';
import { cite } from './rules.ts';
import type { Citation, DateISO, Text } from './types.ts';

export interface OneStopRuleSet {
  effectiveFrom: DateISO;
  /** Working days, after the day of submission (or of the citizen's supplement), to receive, refuse or ask for more. */
  completenessCheckDays: number;
  /** Working days before the due date by which a timely apology is sent (at the latest the day before). */
  apologyNoticeDays: number;
  /** How many times a dossier's result date may be moved by an apology. */
  maxRedatings: number;
  legalBasis: Citation[];
  /** What is not checked against a primary text, said precisely. */
  unconfirmed?: Text;
}

const decree61 = cite('Nghị định 61/2018/NĐ-CP', 'Decree 61/2018/NĐ-CP', '61/2018/NĐ-CP');
const decree118 = cite('Nghị định 118/2025/NĐ-CP', 'Decree 118/2025/NĐ-CP', '118/2025/NĐ-CP');
const checkUnconfirmed: Text = {
  vi: 'Thời hạn 01 ngày làm việc để kiểm tra hồ sơ trực tuyến chưa được đối chiếu với văn bản gốc (quy định về thủ tục hành chính trên môi trường điện tử).',
  en: 'The one working day to check an online application has not been checked against the primary text (the rules on electronic procedures).',
};

/** Oldest first. */
export const oneStopRuleSets: readonly OneStopRuleSet[] = [
  { effectiveFrom: '2018-06-21', completenessCheckDays: 1, apologyNoticeDays: 1, maxRedatings: 1, legalBasis: [decree61], unconfirmed: checkUnconfirmed },
  { effectiveFrom: '2025-07-01', completenessCheckDays: 1, apologyNoticeDays: 1, maxRedatings: 1, legalBasis: [decree118], unconfirmed: checkUnconfirmed },
];

/** The one-stop rules in force on `day`. */
export function oneStopRulesOn(day: DateISO): OneStopRuleSet {
  return inForceOn(oneStopRuleSets, day);
}
