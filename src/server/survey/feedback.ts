/**
 * General feedback (góp ý) from anyone, about the portal or an agency: a topic, an optional rating, a message. No
 * personal data is asked or kept (no name, no address, no IP address), and messages are read by staff only.
 */
import type { Kysely } from 'kysely';
import type { Locale, Text } from '../catalog/types.ts';
import type { Database } from '../schema.ts';

export const feedbackTopics = ['portal', 'procedure', 'staff', 'suggestion', 'other'] as const;
export type FeedbackTopic = (typeof feedbackTopics)[number];
export const feedbackTopicLabels: Record<FeedbackTopic, Text> = {
  portal: { vi: 'Cổng dịch vụ công (trang web)', en: 'The portal (this website)' },
  procedure: { vi: 'Thủ tục, giấy tờ', en: 'A procedure or its documents' },
  staff: { vi: 'Cán bộ, cách phục vụ', en: 'Staff and how you were served' },
  suggestion: { vi: 'Đề xuất cải tiến', en: 'A suggestion for improvement' },
  other: { vi: 'Khác', en: 'Something else' },
};
export const MESSAGE_MAX = 2000;

export interface FeedbackInput {
  agencyCode: string;
  topic: string;
  rating: string;
  message: string;
}
export type FeedbackProblem = { field: 'agency' | 'topic' | 'rating' | 'message'; problem: 'required' | 'invalid' | 'tooLong' };

/** Stores one feedback message, or says what is wrong with the form (nothing is stored then). */
export async function sendFeedback(db: Kysely<Database>, input: FeedbackInput, locale: Locale, now: Date = new Date()): Promise<{ ok: true } | { ok: false; problems: FeedbackProblem[] }> {
  const problems: FeedbackProblem[] = [];
  const agencyCode = input.agencyCode.trim();
  if (agencyCode !== '' && !(await db.selectFrom('agencies').select('code').where('code', '=', agencyCode).executeTakeFirst())) {
    problems.push({ field: 'agency', problem: 'invalid' });
  }
  const topic = input.topic.trim();
  if (topic === '') problems.push({ field: 'topic', problem: 'required' });
  else if (!(feedbackTopics as readonly string[]).includes(topic)) problems.push({ field: 'topic', problem: 'invalid' });
  const rating = input.rating.trim();
  if (rating !== '' && !/^[1-5]$/.test(rating)) problems.push({ field: 'rating', problem: 'invalid' });
  const message = input.message.trim();
  if (message === '') problems.push({ field: 'message', problem: 'required' });
  else if (message.length > MESSAGE_MAX) problems.push({ field: 'message', problem: 'tooLong' });
  if (problems.length > 0) return { ok: false, problems };
  await db
    .insertInto('general_feedback')
    .values({ agency_code: agencyCode || null, topic: topic as FeedbackTopic, rating: rating ? Number(rating) : null, message, locale, created_at: now })
    .execute();
  return { ok: true };
}
