/**
 * Demo entries of the citizen reception log (tiếp công dân) for Hà Nội: regular reception and the head's periodic
 * and ad hoc reception, a group with representatives, a repeat visit on the same matter, and — when the demo seed
 * passes the code of a complaint or denunciation it made — a visit whose petition became that dossier. Written
 * directly (like an import of the paper log), so they carry no audit entries.
 */
import type { Kysely } from 'kysely';
import type { Database, ReceptionVisitsTable } from '../../src/server/schema.ts';
import { vnAt } from './demo-clock.ts';

type Visit = Omit<ReceptionVisitsTable, 'id' | 'search_text' | 'created_at' | 'updated_at' | 'received_by' | 'created_by' | 'visited_at' | 'agency_code' | 'dossier_id' | 'earlier_visit_id'>;

const none = { citizen_id_number: null, citizen_phone: null, representatives: null, forwarded_to: null, refusal_reason: null, headcount: 1 };

/**
 * Adds about eight visits; `staffIds` are the demo accounts by role (reception and head receive citizens).
 * @returns the ids of the visits, oldest first.
 */
export async function seedDemoVisits(db: Kysely<Database>, opts: { now: Date; staffIds: Record<string, number>; dossierCode?: string }): Promise<number[]> {
  const reception = opts.staffIds.reception;
  const head = opts.staffIds.head ?? reception;
  if (reception === undefined || head === undefined) throw new Error('seedDemoVisits needs the reception account');
  const dossier = opts.dossierCode
    ? await db.selectFrom('dossiers').select('id').where('code', '=', opts.dossierCode).where('procedure_code', 'in', ['KN', 'TC']).executeTakeFirst()
    : undefined;
  const ids: number[] = [];
  const add = async (at: Date, by: number, v: Visit, links: { earlier?: number; dossierId?: number } = {}) => {
    const row = await db
      .insertInto('reception_visits')
      .values({ ...v, agency_code: 'HNI', visited_at: at, received_by: by, created_by: reception, earlier_visit_id: links.earlier ?? null, dossier_id: links.dossierId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    return row.id;
  };
  const { now } = opts;
  const first = await add(vnAt(now, 40, 9, 10), reception, {
    ...none,
    kind: 'regular',
    citizen_name: 'Lê Văn Chiến',
    citizen_id_number: '001078004521',
    citizen_address: 'Số 12 ngõ 85 Hào Nam, Đống Đa, Hà Nội',
    citizen_phone: '0913456789',
    subject: 'Không đồng ý với việc kê biên căn hộ chung cư để thi hành án trả nợ; hỏi cách khiếu nại.',
    category: 'complaint',
    outcome: 'guided',
  });
  await add(vnAt(now, 33, 14, 30), reception, {
    ...none,
    kind: 'regular',
    citizen_name: 'Nguyễn Thị Hoa',
    citizen_address: 'Thôn Đông, xã Thanh Trì, Hà Nội',
    subject: 'Hỏi thủ tục yêu cầu thi hành án đối với bản án ly hôn (cấp dưỡng nuôi con).',
    category: 'guidance',
    outcome: 'guided',
  });
  await add(vnAt(now, 26, 8, 45), head, {
    ...none,
    kind: 'head_periodic',
    citizen_name: 'Vũ Thị Lan',
    citizen_address: 'Tổ dân phố 3, phường Tây Mỗ, Hà Nội',
    headcount: 7,
    representatives: 'Vũ Thị Lan, Trần Văn Nam',
    subject: 'Các hộ dân kiến nghị về việc chậm chi trả tiền thi hành án theo bản án về đất đai.',
    category: 'recommendation',
    outcome: 'guided',
  });
  await add(vnAt(now, 19, 10, 0), reception, {
    ...none,
    kind: 'regular',
    citizen_name: 'Phạm Quang Dũng',
    citizen_address: 'Số 40 Kim Mã, Ba Đình, Hà Nội',
    subject: 'Đề nghị xem xét lại bản án dân sự phúc thẩm.',
    category: 'other',
    outcome: 'forwarded',
    forwarded_to: 'Tòa án nhân dân thành phố Hà Nội',
  });
  const repeat = await add(
    vnAt(now, 12, 9, 30),
    reception,
    {
      ...none,
      kind: 'regular',
      citizen_name: 'Lê Văn Chiến',
      citizen_id_number: '001078004521',
      citizen_address: 'Số 12 ngõ 85 Hào Nam, Đống Đa, Hà Nội',
      citizen_phone: '0913456789',
      subject: 'Khiếu nại quyết định kê biên căn hộ chung cư; nộp đơn khiếu nại.',
      category: 'complaint',
      outcome: dossier ? 'petition_received' : 'guided',
    },
    { earlier: first, dossierId: dossier?.id },
  );
  await add(vnAt(now, 8, 15, 15), reception, {
    ...none,
    kind: 'regular',
    citizen_name: 'Đỗ Văn Đức',
    citizen_address: 'Xã Sóc Sơn, Hà Nội',
    subject: 'Tiếp tục đề nghị giải quyết lại việc đã có quyết định giải quyết khiếu nại cuối cùng.',
    category: 'complaint',
    outcome: 'refused',
    refusal_reason: 'Vụ việc đã có quyết định giải quyết khiếu nại có hiệu lực pháp luật và đã được trả lời bằng văn bản.',
  });
  await add(vnAt(now, 5, 16, 0), head, {
    ...none,
    kind: 'head_adhoc',
    citizen_name: 'Lê Văn Chiến',
    citizen_address: 'Số 12 ngõ 85 Hào Nam, Đống Đa, Hà Nội',
    subject: 'Hỏi tiến độ giải quyết khiếu nại về việc kê biên căn hộ.',
    category: 'complaint',
    outcome: 'guided',
  }, { earlier: repeat });
  await add(vnAt(now, 2, 9, 0), reception, {
    ...none,
    kind: 'regular',
    citizen_name: 'Trần Thị Bích',
    citizen_address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội',
    subject: 'Hỏi cách xin miễn, giảm chi phí cưỡng chế thi hành án.',
    category: 'guidance',
    outcome: 'guided',
  });
  return ids;
}
