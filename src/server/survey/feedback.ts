/**
 * General feedback (góp ý) from anyone, about the portal or an agency: a topic, an optional rating, a message. No
 * personal data is asked or kept (no name, no address, no IP address), and messages are read by staff only.
 */
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { Locale, Text } from '../catalog/types.ts';
import type { Database, GeneralFeedbackTable } from '../schema.ts';
import { scopeOf, type SurveyReader } from './staff-access.ts';
import { agencyByCode } from '../agencies.ts';

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
export type FeedbackProblem = { field: 'agency' | 'topic' | 'rating' | 'message'; problem: 'required' | 'invalid' | 'too_long' };

/** Stores one feedback message, or says what is wrong with the form (nothing is stored then). */
export async function sendFeedback(db: Kysely<Database>, input: FeedbackInput, locale: Locale, now: Date = new Date()): Promise<{ ok: true } | { ok: false; problems: FeedbackProblem[] }> {
  const problems: FeedbackProblem[] = [];
  const agencyCode = input.agencyCode.trim();
  if (agencyCode !== '' && !(await agencyByCode(db, agencyCode))) {
    problems.push({ field: 'agency', problem: 'invalid' });
  }
  const topic = input.topic.trim();
  if (topic === '') problems.push({ field: 'topic', problem: 'required' });
  else if (!(feedbackTopics as readonly string[]).includes(topic)) problems.push({ field: 'topic', problem: 'invalid' });
  const rating = input.rating.trim();
  if (rating !== '' && !/^[1-5]$/.test(rating)) problems.push({ field: 'rating', problem: 'invalid' });
  // The database drops NUL characters (src/server/nul-free.ts): a message of nothing else would pass as written here
  // and reach the table empty, which its check refuses with a 500. Validate what will be stored.
  const message = input.message.replaceAll('\u0000', '').trim();
  if (message === '') problems.push({ field: 'message', problem: 'required' });
  else if (message.length > MESSAGE_MAX) problems.push({ field: 'message', problem: 'too_long' });
  if (problems.length > 0) return { ok: false, problems };
  await db
    .insertInto('general_feedback')
    .values({ agency_code: agencyCode || null, topic: topic as FeedbackTopic, rating: rating ? Number(rating) : null, message, locale, created_at: now })
    .execute();
  return { ok: true };
}

export type FeedbackRow = Selectable<GeneralFeedbackTable>;

/**
 * Feedback newest first, for the readers of survey responses (the same rule: heads and administrators). A head reads
 * what names their agency or its regional offices; a central administrator reads everything, feedback that names no
 * agency included. People may write what they were asked not to, so each page read is an audit entry.
 * @throws SurveyAccessError
 */
export async function listFeedback(db: Kysely<Database>, reader: SurveyReader, opts: { before?: number | null; limit?: number } = {}): Promise<{ rows: FeedbackRow[]; next: number | null }> {
  const scope = scopeOf(reader, undefined);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  let q = db.selectFrom('general_feedback').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (scope !== null) q = q.where('agency_code', 'in', db.selectFrom('agencies').select('code').where((eb) => eb.or([eb('code', '=', scope), eb('parent_code', '=', scope)])));
  if (opts.before) q = q.where('id', '<', opts.before);
  const found = await q.execute();
  const rows = found.slice(0, limit);
  await recordAudit(db, { id: reader.id, email: reader.email, ip: reader.ip ?? null }, {
    action: 'survey.feedback_viewed',
    entityType: 'general_feedback',
    agencyCode: scope,
    after: { ids: rows.map((r) => r.id) },
  });
  return { rows, next: found.length > limit ? rows[rows.length - 1]!.id : null };
}
