/**
 * The satisfaction survey's questions as dated data (issue 11; domain/survey-and-stats.md). A survey uses the set in
 * force on the day the citizen was invited (the day the result was returned or the case closed).
 *
 * Decree 61/2018/NĐ-CP Art. 31 listed what a per-dossier evaluation asks: (a) result on time; (b) how many agencies
 * and (c) how many times the citizen had to contact; (d) accurate and complete published information; (đ) staff
 * attitude; (e) a lawful result, only the official fees; (g) how complaints and feedback were answered; (h) the
 * online service; (i) other comments. Decree 118/2025/NĐ-CP replaced Decree 61 from 1 July 2025; its evaluation
 * article could not be read here, so the 2025 set keeps the same questions and says so (`unconfirmed`).
 *
 * Criterion ids never change between sets: the statistics compare a criterion across years.
 *
 * The process is asked apart from the outcome (survey-and-stats.md "Design guidance"): a party who lost a complaint
 * rates the decision in the one outcome question, not the staff.
 */
import { inForceOn } from './in-force.ts';
import { cite } from './rules.ts';
import type { Citation, DateISO, LifecycleKind, Text, Unconfirmed } from './types.ts';

export type SurveyAspect = 'process' | 'outcome';
/** Five levels (1 = very dissatisfied … 5 = very satisfied); a count (0, 1, 2 = two or more); yes (1) or no (0). */
export type SurveyAnswerKind = 'scale5' | 'count' | 'yesno';

export interface SurveyCriterion {
  id: string;
  aspect: SurveyAspect;
  kind: SurveyAnswerKind;
  /** A few words naming it, for error messages, tables and charts. */
  label: Text;
  question: Text;
  /** Where a complaint or denunciation needs other words than an application. */
  questionFor?: Partial<Record<LifecycleKind, Text>>;
  hint?: Text;
  appliesTo: readonly LifecycleKind[];
  /** Asked only of dossiers filed through this channel (the online service is rated by those who used it). */
  channel?: 'online';
  /** May be left unanswered (a question not everyone has met, such as how feedback was answered). */
  optional?: true;
  /** The point of the legal text it mirrors. */
  source: Text;
}

export interface SurveyCriteriaSet {
  effectiveFrom: DateISO;
  criteria: readonly SurveyCriterion[];
  legalBasis: Citation[];
  unconfirmed?: Unconfirmed;
}

/** The five levels, best first, as the ministries' portals print them. */
export const scaleLevels: readonly { value: 1 | 2 | 3 | 4 | 5; label: Text }[] = [
  { value: 5, label: { vi: 'Rất hài lòng', en: 'Very satisfied' } },
  { value: 4, label: { vi: 'Hài lòng', en: 'Satisfied' } },
  { value: 3, label: { vi: 'Bình thường', en: 'Neither satisfied nor dissatisfied' } },
  { value: 2, label: { vi: 'Không hài lòng', en: 'Dissatisfied' } },
  { value: 1, label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' } },
];
/** The lowest level counted as satisfied (Hài lòng and Rất hài lòng: the SIPAS index). */
export const SATISFIED_FROM = 4;

export const countLevels: readonly { value: 0 | 1 | 2; label: Text }[] = [
  { value: 0, label: { vi: 'Không lần nào', en: 'None' } },
  { value: 1, label: { vi: '1 lần', en: 'Once' } },
  { value: 2, label: { vi: 'Từ 2 lần trở lên', en: 'Twice or more' } },
];

export const yesNoLevels: readonly { value: 0 | 1; label: Text }[] = [
  { value: 1, label: { vi: 'Có', en: 'Yes' } },
  { value: 0, label: { vi: 'Không', en: 'No' } },
];

/** Who helped fill in the application (asked of everyone; the channel is taken from the dossier instead). */
export const helpers = ['none', 'staff', 'family', 'other'] as const;
export type HelpedBy = (typeof helpers)[number];
export const helperLabels: Record<HelpedBy, Text> = {
  none: { vi: 'Không, tôi tự điền', en: 'No, I filled it in myself' },
  staff: { vi: 'Có, cán bộ của cơ quan', en: 'Yes, a member of the agency’s staff' },
  family: { vi: 'Có, người thân trong gia đình', en: 'Yes, a family member' },
  other: { vi: 'Có, người khác', en: 'Yes, someone else' },
};

/** The answers a criterion accepts, with their labels. */
export function levelsOf(kind: SurveyAnswerKind): readonly { value: number; label: Text }[] {
  return kind === 'scale5' ? scaleLevels : kind === 'count' ? countLevels : yesNoLevels;
}

const all: readonly LifecycleKind[] = ['one-stop', 'complaint', 'denunciation'];
const art31 = (point: string, en: string): Text => ({ vi: `điểm ${point} khoản 1 Điều 31 Nghị định 61/2018/NĐ-CP`, en: `Art. 31(1)(${en}), Decree 61/2018/NĐ-CP` });

const criteria: readonly SurveyCriterion[] = [
  {
    id: 'on_time',
    label: { vi: 'trả kết quả đúng hẹn', en: 'result on time' },
    aspect: 'process',
    kind: 'yesno',
    question: { vi: 'Kết quả có được trả đúng hẹn không?', en: 'Did you get the result by the date you were given?' },
    questionFor: {
      complaint: { vi: 'Khiếu nại có được giải quyết trong thời hạn không?', en: 'Was your complaint decided within the time limit?' },
      denunciation: { vi: 'Tố cáo có được giải quyết trong thời hạn không?', en: 'Was your denunciation concluded within the time limit?' },
    },
    appliesTo: all,
    source: art31('a', 'a'),
  },
  {
    id: 'agencies_contacted',
    label: { vi: 'số cơ quan khác phải liên hệ', en: 'other agencies contacted' },
    aspect: 'process',
    kind: 'count',
    question: { vi: 'Ngoài cơ quan thi hành án này, ông/bà phải liên hệ thêm bao nhiêu cơ quan khác để hoàn thành hồ sơ?', en: 'Apart from this enforcement agency, how many other agencies did you have to contact to complete your application?' },
    appliesTo: ['one-stop'],
    source: art31('b', 'b'),
  },
  {
    id: 'contacts_needed',
    label: { vi: 'số lần phải đến, liên hệ cơ quan', en: 'times the agency had to be contacted' },
    aspect: 'process',
    kind: 'count',
    question: { vi: 'Ông/bà phải đến hoặc liên hệ cơ quan bao nhiêu lần (ngoài lần nộp và lần nhận kết quả)?', en: 'How many times did you have to go to or contact the agency (besides submitting and collecting the result)?' },
    appliesTo: all,
    source: art31('c', 'c'),
  },
  {
    id: 'information_accurate',
    label: { vi: 'thông tin công khai chính xác, đầy đủ', en: 'published information accurate and complete' },
    aspect: 'process',
    kind: 'yesno',
    question: { vi: 'Thông tin công khai về thủ tục (giấy tờ, thời hạn, lệ phí) có chính xác, đầy đủ không?', en: 'Was the published information on the procedure (documents, time limit, fees) accurate and complete?' },
    questionFor: {
      complaint: { vi: 'Hướng dẫn về cách khiếu nại và thời hạn giải quyết có rõ ràng, đầy đủ không?', en: 'Was the guidance on how to complain and on the time limits clear and complete?' },
      denunciation: { vi: 'Hướng dẫn về cách tố cáo và thời hạn giải quyết có rõ ràng, đầy đủ không?', en: 'Was the guidance on how to denounce and on the time limits clear and complete?' },
    },
    appliesTo: all,
    source: art31('d', 'd'),
  },
  {
    id: 'staff_attitude',
    label: { vi: 'thái độ của cán bộ', en: 'staff attitude' },
    aspect: 'process',
    kind: 'scale5',
    question: { vi: 'Ông/bà hài lòng thế nào với thái độ, tinh thần phục vụ của cán bộ?', en: 'How satisfied are you with the staff’s attitude and helpfulness?' },
    appliesTo: all,
    source: art31('đ', 'dd'),
  },
  {
    id: 'official_fees_only',
    label: { vi: 'chỉ nộp phí, lệ phí theo quy định', en: 'only the official fees paid' },
    aspect: 'process',
    kind: 'yesno',
    question: { vi: 'Ông/bà chỉ phải nộp phí, lệ phí theo quy định, không bị đòi thêm khoản nào khác?', en: 'Did you pay only the official fees, with no other payment asked of you?' },
    appliesTo: ['one-stop'],
    source: art31('e', 'e'),
  },
  {
    id: 'process_overall',
    label: { vi: 'cách giải quyết hồ sơ nói chung', en: 'handling of the dossier overall' },
    aspect: 'process',
    kind: 'scale5',
    question: { vi: 'Nhìn chung, ông/bà hài lòng thế nào với cách hồ sơ được tiếp nhận và giải quyết (thời gian, thủ tục, cán bộ)?', en: 'Overall, how satisfied are you with how your dossier was received and handled (time, procedure, staff)?' },
    hint: { vi: 'Chỉ đánh giá cách giải quyết, không đánh giá kết quả: kết quả có câu hỏi riêng ở dưới.', en: 'Rate only how it was handled, not the result: the result has its own question below.' },
    appliesTo: all,
    source: { vi: 'khoản 1 Điều 31 Nghị định 61/2018/NĐ-CP (đánh giá chung)', en: 'Art. 31(1), Decree 61/2018/NĐ-CP (overall)' },
  },
  {
    id: 'online_service',
    label: { vi: 'dịch vụ công trực tuyến', en: 'online service' },
    aspect: 'process',
    kind: 'scale5',
    question: { vi: 'Ông/bà hài lòng thế nào với dịch vụ công trực tuyến (nộp hồ sơ, tra cứu, nhận thông báo)?', en: 'How satisfied are you with the online service (applying, tracking, notifications)?' },
    appliesTo: all,
    channel: 'online',
    source: art31('h', 'h'),
  },
  {
    id: 'feedback_handling',
    label: { vi: 'việc trả lời phản ánh, kiến nghị', en: 'answers to concerns raised' },
    aspect: 'process',
    kind: 'scale5',
    question: { vi: 'Nếu ông/bà đã phản ánh, kiến nghị trong quá trình giải quyết: ông/bà hài lòng thế nào với việc trả lời (nhanh, đầy đủ)?', en: 'If you raised a concern while your dossier was handled: how satisfied are you with the answer (quick, complete)?' },
    hint: { vi: 'Bỏ qua câu này nếu ông/bà không phản ánh, kiến nghị.', en: 'Skip this question if you raised no concern.' },
    appliesTo: all,
    optional: true,
    source: art31('g', 'g'),
  },
  {
    id: 'outcome',
    label: { vi: 'kết quả giải quyết', en: 'the result' },
    aspect: 'outcome',
    kind: 'scale5',
    question: { vi: 'Ông/bà hài lòng thế nào với kết quả giải quyết hồ sơ?', en: 'How satisfied are you with the result of your application?' },
    questionFor: {
      complaint: { vi: 'Ông/bà hài lòng thế nào với quyết định giải quyết khiếu nại?', en: 'How satisfied are you with the decision on your complaint?' },
      denunciation: { vi: 'Ông/bà hài lòng thế nào với kết luận nội dung tố cáo?', en: 'How satisfied are you with the conclusion on your denunciation?' },
    },
    appliesTo: all,
    source: art31('e', 'e'),
  },
];

/** Oldest first. */
export const surveyCriteriaSets: readonly SurveyCriteriaSet[] = [
  { effectiveFrom: '2018-06-21', criteria, legalBasis: [cite('Điều 31 Nghị định 61/2018/NĐ-CP', 'Art. 31, Decree 61/2018/NĐ-CP', '61/2018/NĐ-CP')] },
  {
    effectiveFrom: '2025-07-01',
    criteria,
    legalBasis: [cite('Nghị định 118/2025/NĐ-CP', 'Decree 118/2025/NĐ-CP', '118/2025/NĐ-CP')],
    unconfirmed: {
      vi: 'Điều khoản về đánh giá việc giải quyết thủ tục hành chính của Nghị định 118/2025/NĐ-CP chưa được đối chiếu; các tiêu chí giữ như Điều 31 Nghị định 61/2018/NĐ-CP.',
      en: 'The article of Decree 118/2025/NĐ-CP on evaluating how a procedure was handled has not been checked; the criteria are kept as in Art. 31 of Decree 61/2018/NĐ-CP.',
    },
  },
];

/** The set in force on `day` (the day of the invitation). */
export function surveyCriteriaOn(day: DateISO): SurveyCriteriaSet {
  return inForceOn(surveyCriteriaSets, day);
}

/** The questions a dossier's survey asks: the set of the invitation's day, for the dossier's kind and channel. */
export function surveyQuestions(day: DateISO, kind: LifecycleKind, channel: 'online' | 'counter'): SurveyCriterion[] {
  return surveyCriteriaOn(day).criteria.filter((c) => c.appliesTo.includes(kind) && (c.channel === undefined || c.channel === channel));
}

/** A criterion's question in the words of a kind. */
export function questionOf(criterion: SurveyCriterion, kind: LifecycleKind): Text {
  return criterion.questionFor?.[kind] ?? criterion.question;
}

/** Every criterion id any set has used, with its latest definition (the statistics label old answers by it). */
export function criterionById(id: string): SurveyCriterion | undefined {
  for (let i = surveyCriteriaSets.length - 1; i >= 0; i--) {
    const found = surveyCriteriaSets[i]!.criteria.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}
