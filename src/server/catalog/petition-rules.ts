/**
 * Time limits for handling complaints and denunciations (complaints.md), as dated data: the time to accept, the time
 * to decide by subject and round, and the one extension. A stage uses the set in force on the day it began.
 *
 * Sources: Law on THADS 2008 Arts. 140–161 with Circular 13/2021/TT-BTP (in force 13 February 2022); Law on
 * Denunciations 2018. From 1 July 2026 the new Law leaves the procedure to a new Ministry of Justice circular that
 * could not be found: the same figures are kept and marked unconfirmed.
 */
import type { ComplaintRound, ComplaintSubject } from './complaint-limits.ts';
import { inForceOn } from './in-force.ts';
import { cite, instruments, law2025, NEW_REGIME_FROM } from './rules.ts';
import type { Citation, DateISO, Text } from './types.ts';

export type Span = { days: number; unit: 'working' | 'calendar' };

export interface PetitionRuleSet {
  effectiveFrom: DateISO;
  complaint: {
    /** From receipt to the written notice of acceptance (thụ lý). */
    accept: { first: Span; second: Span };
    /** From acceptance to the decision, by what is complained about; null: no second complaint (a final decision). */
    decide: Record<ComplaintSubject, { first: Span; second: Span | null }>;
    /** The one extension for complex or remote cases. */
    maxExtension: Span;
  };
  denunciation: {
    accept: Span;
    conclude: Span;
    maxExtension: Span;
  };
  legalBasis: Citation[];
  /** Which figures are not checked against a primary text. */
  unconfirmed?: Text;
}

const d = (days: number): Span => ({ days, unit: 'calendar' });
const wd = (days: number): Span => ({ days, unit: 'working' });

const figures = {
  complaint: {
    accept: { first: wd(5), second: d(10) },
    decide: {
      beforeCoercion: { first: d(15), second: d(30) },
      accountFreeze: { first: wd(5), second: null },
      otherSecurity: { first: d(15), second: d(30) },
      coercion: { first: d(30), second: d(45) },
      afterCoercion: { first: d(15), second: d(30) },
    },
    maxExtension: d(30),
  },
  denunciation: { accept: wd(7), conclude: d(60), maxExtension: d(30) },
} satisfies Pick<PetitionRuleSet, 'complaint' | 'denunciation'>;

/** Oldest first. */
export const petitionRuleSets: readonly PetitionRuleSet[] = [
  {
    effectiveFrom: '2022-02-13',
    ...figures,
    legalBasis: [
      cite('Điều 140–161 Luật Thi hành án dân sự 2008', 'Arts. 140–161, Law on Civil Judgment Enforcement 2008', instruments.law2008),
      cite('Thông tư 13/2021/TT-BTP', 'Circular 13/2021/TT-BTP', instruments.circular13),
      cite('Luật Tố cáo 2018', 'Law on Denunciations 2018', instruments.denunciationLaw),
    ],
  },
  {
    effectiveFrom: NEW_REGIME_FROM,
    ...figures,
    legalBasis: [law2025],
    unconfirmed: {
      vi: 'Các thời hạn thụ lý, giải quyết và gia hạn giữ như Thông tư 13/2021/TT-BTP; chưa tìm được thông tư hướng dẫn theo Luật số 106/2025/QH15.',
      en: 'The times to accept, decide and extend are kept from Circular 13/2021/TT-BTP; no circular under Law No. 106/2025/QH15 was found.',
    },
  },
];

/** The rules in force on `day`. */
export function petitionRulesOn(day: DateISO): PetitionRuleSet {
  return inForceOn(petitionRuleSets, day);
}

const subjects: readonly ComplaintSubject[] = ['beforeCoercion', 'accountFreeze', 'otherSecurity', 'coercion', 'afterCoercion'];

/** The subject and round a complaint's answers give (a complaint form always has both; others default). */
export function complaintFacts(answers: Record<string, unknown>): { subject: ComplaintSubject; round: ComplaintRound } {
  const subject = subjects.find((s) => s === answers.subject) ?? 'beforeCoercion';
  return { subject, round: answers.round === 'second' ? 'second' : 'first' };
}
