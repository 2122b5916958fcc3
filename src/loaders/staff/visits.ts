/**
 * Page loaders of the citizen reception log (`/can-bo/tiep-cong-dan`) and the figures page (`/can-bo/so-lieu`),
 * and their wording (the back office is in Vietnamese). Redirects, status codes and props are decided here.
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { agencyFigures, type AgencyFigures } from '../../server/figures.ts';
import {
  canRecordVisits,
  getVisit,
  GROUP_SIZE,
  listVisits,
  receptionStaffOptions,
  visitAgencyOptions,
  VisitCursorError,
  visitCategories,
  visitKinds,
  visitOutcomes,
  type ReceptionActor,
  type VisitDetail,
  type VisitField,
  type VisitFilter,
  type VisitRow,
} from '../../server/reception-visits.ts';
import { parseDate } from '../../server/registry/admin.ts';
import { todayInVietnam } from '../../server/validation/dates.ts';
import { isRowId, rowIdOf } from '../../server/row-id.ts';
import type { ErrorLink } from '../error-link.ts';

type Option = { value: string; label: string };

export const kindLabels: Record<string, string> = {
  regular: 'Tiếp công dân thường xuyên',
  head_periodic: 'Thủ trưởng tiếp định kỳ',
  head_adhoc: 'Thủ trưởng tiếp đột xuất',
};
export const categoryLabels: Record<string, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  recommendation: 'Kiến nghị, phản ánh',
  guidance: 'Đề nghị hướng dẫn',
  other: 'Khác',
};
export const outcomeLabels: Record<string, string> = {
  guided: 'Hướng dẫn, giải thích',
  petition_received: 'Tiếp nhận đơn',
  forwarded: 'Chuyển cơ quan khác',
  refused: 'Từ chối tiếp',
};

export const fieldLabels: Record<VisitField, string> = {
  agency_code: 'Cơ quan tiếp',
  visited_on: 'Ngày tiếp',
  visited_time: 'Giờ tiếp',
  kind: 'Hình thức tiếp',
  citizen_name: 'Họ và tên công dân',
  citizen_id_number: 'Số định danh cá nhân (CCCD) hoặc CMND',
  citizen_address: 'Địa chỉ',
  citizen_phone: 'Số điện thoại',
  headcount: 'Số người đến',
  representatives: 'Người đại diện',
  subject: 'Nội dung vụ việc',
  category: 'Phân loại',
  outcome: 'Kết quả tiếp',
  dossier_code: 'Mã hồ sơ khiếu nại, tố cáo',
  forwarded_to: 'Cơ quan được chuyển đến',
  refusal_reason: 'Lý do từ chối',
  received_by: 'Cán bộ tiếp',
  earlier_visit_id: 'Số lượt tiếp trước về cùng vụ việc',
};

const problems: Record<string, (label: string) => string> = {
  required: (l) => `Nhập ${l.toLowerCase()}`,
  choice: (l) => `Chọn ${l.toLowerCase()}`,
  tooLong: (l) => `${l} quá dài`,
  tooShort: (l) => `${l} quá ngắn`,
  date: (l) => `${l} phải là một ngày có thật, dạng dd/mm/yyyy`,
  future: (l) => `${l} không được sau thời điểm hiện tại`,
  time: (l) => `${l} phải có dạng giờ:phút, ví dụ 09:30`,
  idNumber: () => 'Số định danh có 12 chữ số (CCCD) hoặc 9 chữ số (CMND)',
  phone: () => 'Số điện thoại có 10 hoặc 11 chữ số, bắt đầu bằng 0',
  headcount: () => 'Số người đến là một số từ 1 đến 1.000',
  representatives: () => `Đoàn từ ${GROUP_SIZE} người trở lên: nhập họ tên người đại diện`,
  dossierRequired: () => 'Nhập mã hồ sơ khiếu nại, tố cáo đã tiếp nhận tại quầy',
  dossierCode: () => 'Mã hồ sơ có dạng 01-261130-ABCDEF',
  dossierUnknown: () => 'Không có hồ sơ mang mã này ở cơ quan của bạn',
  dossierKind: () => 'Hồ sơ này không phải đơn khiếu nại hoặc tố cáo',
  scope: () => 'Chỉ ghi sổ cho cơ quan mình và các phòng thi hành án khu vực trực thuộc',
  visitNumber: () => 'Số lượt tiếp trước là một số, ví dụ 12',
  visitUnknown: () => 'Không có lượt tiếp mang số này ở cơ quan của bạn',
  visitNotEarlier: () => 'Lượt tiếp trước phải diễn ra trước lượt tiếp này',
  beforeLater: () => 'Ngày tiếp phải trước các lượt tiếp sau đã liên kết với lượt này',
};

function fieldMessage(field: string, problem: string): string {
  const label = fieldLabels[field as VisitField] ?? field;
  return problems[problem]?.(label) ?? `${label}: giá trị không hợp lệ`;
}

/** The signed-in staff member as the log sees them, or undefined (no session, or no role that reads the log). */
export function receptionActorOf(user: SessionUser | undefined): ReceptionActor | undefined {
  if (!user) return undefined;
  if (user.agency_code === null && user.role !== 'admin') return undefined;
  return { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code };
}

/** 30/11/2026 09:15 in Vietnam's time. */
export function vnDateTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const options = (labels: Record<string, string>, keys: readonly string[], empty: string): Option[] => [{ value: '', label: empty }, ...keys.map((k) => ({ value: k, label: labels[k]! }))];

// ---------------------------------------------------------------------------------------------------------------
// The list

export interface VisitListProps {
  user: SessionUser;
  rows: VisitRow[];
  filter: Required<Pick<VisitFilter, 'q' | 'from' | 'to' | 'kind' | 'outcome'>>;
  nextLink: string | null;
  firstLink: string | null;
  canRecord: boolean;
  kindOptions: Option[];
  outcomeOptions: Option[];
  message: string | undefined;
}

export async function loadVisitList(Astro: AstroGlobal): Promise<Response | VisitListProps> {
  const user = Astro.locals.staff?.user;
  const actor = receptionActorOf(user);
  if (!user || !actor) return Astro.rewrite('/403');
  const p = Astro.url.searchParams;
  const get = (k: string) => (p.get(k) ?? '').slice(0, 100).trim();
  const filter = { q: get('q'), from: get('tu-ngay'), to: get('den-ngay'), kind: get('hinh-thuc'), outcome: get('ket-qua') };
  let message: string | undefined;
  for (const [k, v] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (v && !parseDate(v)) {
      message = 'Ngày lọc phải là một ngày có thật, dạng dd/mm/yyyy.';
      Astro.response.status = 400;
      filter[k] = '';
    }
  }
  const cursor = get('sau') || null;
  const db = await getDb();
  let page: Awaited<ReturnType<typeof listVisits>>;
  try {
    page = await listVisits(db, actor, { ...filter, cursor });
  } catch (err) {
    if (!(err instanceof VisitCursorError)) throw err;
    Astro.response.status = 400;
    message = 'Liên kết trang không hợp lệ; đang hiện trang đầu.';
    page = await listVisits(db, actor, filter);
  }
  const link = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    const names = { q: 'q', from: 'tu-ngay', to: 'den-ngay', kind: 'hinh-thuc', outcome: 'ket-qua' } as const;
    for (const [k, name] of Object.entries(names)) if (filter[k as keyof typeof names]) q.set(name, filter[k as keyof typeof names]);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return `/can-bo/tiep-cong-dan${s ? `?${s}` : ''}`;
  };
  return {
    user,
    rows: page.rows,
    filter,
    nextLink: page.nextCursor ? link({ sau: page.nextCursor }) : null,
    firstLink: cursor ? link({}) : null,
    canRecord: canRecordVisits(actor.role) && actor.agency_code !== null,
    kindOptions: options(kindLabels, visitKinds, 'Tất cả'),
    outcomeOptions: options(outcomeLabels, visitOutcomes, 'Tất cả'),
    message,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One visit

export interface VisitPageProps {
  user: SessionUser;
  visit: VisitDetail;
  agencyName: string;
  canEdit: boolean;
  notice: string | undefined;
}

const idParam = (Astro: AstroGlobal) => rowIdOf(Astro.params.id) ?? 0;

export async function loadVisit(Astro: AstroGlobal): Promise<Response | VisitPageProps> {
  const user = Astro.locals.staff?.user;
  const actor = receptionActorOf(user);
  if (!user || !actor) return Astro.rewrite('/403');
  const db = await getDb();
  const visit = await getVisit(db, actor, idParam(Astro));
  if (!visit) return Astro.rewrite('/404');
  const agency = await db.selectFrom('agencies').select('name_vi').where('code', '=', visit.agency_code).executeTakeFirst();
  const p = Astro.url.searchParams;
  return {
    user,
    visit,
    agencyName: agency?.name_vi ?? visit.agency_code,
    canEdit: canRecordVisits(actor.role) && !visit.identityHidden,
    notice: p.has('da-ghi') ? 'Đã ghi lượt tiếp vào sổ.' : p.has('da-luu') ? 'Đã lưu thay đổi.' : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The form (new and edit)

export interface VisitFormProps {
  user: SessionUser;
  title: string;
  action: string;
  id: number | null;
  values: Record<string, string>;
  errors: ErrorLink[];
  byField: Record<string, string>;
  agencyOptions: Option[];
  staffOptions: Option[];
  kindOptions: Option[];
  categoryOptions: Option[];
  outcomeOptions: Option[];
  /** The earlier visit this one follows, when recorded from its page. */
  earlier: VisitRow | null;
}

export async function loadVisitForm(Astro: AstroGlobal, mode: 'new' | 'edit'): Promise<Response | VisitFormProps> {
  const user = Astro.locals.staff?.user;
  const actor = receptionActorOf(user);
  if (!user || !actor) return Astro.rewrite('/403');
  const result = mode === 'new' ? Astro.getActionResult(actions.receptionCreate) : Astro.getActionResult(actions.receptionUpdate);
  if (result?.data?.ok) return Astro.redirect(`/can-bo/tiep-cong-dan/${result.data.target}?${mode === 'new' ? 'da-ghi' : 'da-luu'}=1`, 303);
  const db = await getDb();
  const id = mode === 'edit' ? idParam(Astro) : null;
  const errors: ErrorLink[] = [];
  const byField: Record<string, string> = {};
  if (result?.error) {
    Astro.response.status = 400;
    errors.push({ href: '#f-visited_on-input', text: 'Không lưu được. Hãy tải lại trang và thử lại.' });
  } else if (result?.data && !result.data.ok) {
    Astro.response.status = result.data.status;
    if (result.data.problem === 'invalid') {
      for (const [field, problem] of Object.entries(result.data.fields)) {
        byField[field] = fieldMessage(field, problem);
        errors.push({ href: `#f-${field}-input`, text: byField[field]! });
      }
    } else if (result.data.problem === 'forbidden') {
      errors.push({ href: '#main', text: 'Chỉ bộ phận tiếp công dân và Thủ trưởng được ghi, sửa sổ tiếp công dân.' });
    } else errors.push({ href: '#main', text: 'Không tìm thấy lượt tiếp này.' });
  }
  // Officers and administrators read the log; the form is not theirs (their post was refused by the action).
  if (!canRecordVisits(actor.role) || actor.agency_code === null) return Astro.rewrite('/403');

  let values: Record<string, string>;
  let earlier: VisitRow | null = null;
  if (result?.data && !result.data.ok) values = result.data.values;
  else if (id !== null) {
    const visit = await getVisit(db, actor, id);
    if (!visit) return Astro.rewrite('/404');
    if (visit.identityHidden) return Astro.rewrite('/403');
    values = visit.values;
  } else {
    const now = new Date(Date.now() + 7 * 3_600_000).toISOString();
    values = { agency_code: actor.agency_code ?? '', visited_on: todayInVietnam(), visited_time: now.slice(11, 16), headcount: '1', received_by: String(actor.id), kind: actor.role === 'head' ? 'head_periodic' : 'regular' };
    const from = Astro.url.searchParams.get('lan-truoc') ?? '';
    const previous = isRowId(from) ? await getVisit(db, actor, Number(from)) : undefined;
    if (previous && !previous.identityHidden) {
      earlier = previous;
      const copy: VisitField[] = ['citizen_name', 'citizen_id_number', 'citizen_address', 'citizen_phone', 'headcount', 'representatives', 'subject', 'category', 'agency_code'];
      for (const f of copy) values[f] = previous.values[f];
      values.earlier_visit_id = String(previous.id);
    }
  }
  const agencies = await visitAgencyOptions(db, actor);
  const staff = await receptionStaffOptions(db, actor);
  const roleNames: Record<string, string> = { reception: 'Tiếp nhận', officer: 'Chấp hành viên', head: 'Thủ trưởng' };
  return {
    user,
    title: id === null ? 'Ghi lượt tiếp công dân' : `Sửa lượt tiếp số ${id}`,
    action: id === null ? actions.receptionCreate : actions.receptionUpdate,
    id,
    values,
    errors,
    byField,
    agencyOptions: agencies.map((a) => ({ value: a.code, label: a.name_vi })),
    staffOptions: staff.map((s) => ({ value: String(s.id), label: `${s.full_name} (${roleNames[s.role] ?? s.role})` })),
    kindOptions: options(kindLabels, visitKinds, '— Chọn hình thức —'),
    categoryOptions: options(categoryLabels, visitCategories, '— Chọn phân loại —'),
    outcomeOptions: options(outcomeLabels, visitOutcomes, '— Chọn kết quả —'),
    earlier,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

export interface FiguresProps {
  user: SessionUser;
  agencyOptions: Option[];
  agencyCode: string;
  from: string;
  to: string;
  errors: ErrorLink[];
  figures: AgencyFigures | null;
}

export async function loadFigures(Astro: AstroGlobal): Promise<Response | FiguresProps> {
  const user = Astro.locals.staff?.user;
  const actor = receptionActorOf(user);
  if (!user || !actor) return Astro.rewrite('/403');
  const db = await getDb();
  const agencies =
    actor.agency_code === null
      ? await db.selectFrom('agencies').select(['code', 'name_vi']).orderBy('sort_order').orderBy('code').execute()
      : await visitAgencyOptions(db, actor);
  const p = Astro.url.searchParams;
  const today = todayInVietnam();
  const agencyCode = (p.get('co-quan') ?? actor.agency_code ?? agencies[0]?.code ?? '').slice(0, 20);
  const rawFrom = (p.get('tu-ngay') ?? `${today.slice(0, 7)}-01`).slice(0, 20);
  const rawTo = (p.get('den-ngay') ?? today).slice(0, 20);
  const from = parseDate(rawFrom);
  const to = parseDate(rawTo);
  const errors: ErrorLink[] = [];
  if (!from) errors.push({ href: '#f-from-input', text: 'Từ ngày phải là một ngày có thật, dạng dd/mm/yyyy' });
  if (!to) errors.push({ href: '#f-to-input', text: 'Đến ngày phải là một ngày có thật, dạng dd/mm/yyyy' });
  if (from && to && from > to) errors.push({ href: '#f-to-input', text: 'Đến ngày không được trước từ ngày' });
  if (!agencies.some((a) => a.code === agencyCode)) errors.push({ href: '#f-agency-input', text: 'Chọn một cơ quan trong danh sách' });
  if (errors.length > 0) Astro.response.status = 400;
  const figures = errors.length === 0 ? await agencyFigures(db, agencyCode, { from: from!, to: to! }) : null;
  return { user, agencyOptions: agencies.map((a) => ({ value: a.code, label: a.name_vi })), agencyCode, from: from ?? rawFrom, to: to ?? rawTo, errors, figures };
}
