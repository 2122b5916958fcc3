/** Wording and look-ups shared by the administration pages (the leading underscore keeps this out of routing). */
import type { Kysely } from 'kysely';
import type { AdminActor } from '../../../../server/admin/access.ts';
import type { SessionUser } from '../../../../server/auth/session.ts';
import { lifecycleKinds, lifecycles, type DossierAction } from '../../../../server/dossiers/lifecycle.ts';
import type { Database } from '../../../../server/schema.ts';
import type { ErrorLink } from '../../../../loaders/error-link.ts';

/** The signed-in user as the administration services see them. */
export function adminActorOf(user: SessionUser): AdminActor {
  return { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code };
}

export interface AgencyOption {
  code: string;
  name_vi: string;
  parent_code: string | null;
  province_code: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  head_name: string | null;
}

/**
 * The agencies an administrator manages, in the official order: all of them for a central administrator; their own
 * agency and its regional offices for an agency administrator (the same scope src/server/admin/access.ts enforces).
 */
export async function agenciesInScope(db: Kysely<Database>, user: SessionUser): Promise<AgencyOption[]> {
  let query = db
    .selectFrom('agencies')
    .select(['code', 'name_vi', 'parent_code', 'province_code', 'address', 'phone', 'email', 'head_name'])
    .orderBy('sort_order')
    .orderBy('code');
  const own = user.agency_code;
  if (own !== null) query = query.where((eb) => eb.or([eb('code', '=', own), eb('parent_code', '=', own)]));
  return query.execute();
}

/** Field problems (from the actions and the services) → what to tell the administrator. */
const fieldMessages: Record<string, Record<string, string>> = {
  fullName: {
    required: 'Nhập họ và tên',
    name: 'Họ và tên phải có từ 2 đến 100 ký tự',
  },
  email: {
    required: 'Nhập thư điện tử công vụ',
    email: 'Nhập thư điện tử đúng định dạng, ví dụ ten.canbo@thads.gov.vn',
    emailTaken: 'Thư điện tử này đã được dùng cho một tài khoản khác',
    format: 'Nhập thư điện tử đúng định dạng, ví dụ thads@hanoi.gov.vn',
  },
  role: { role: 'Chọn vai trò' },
  newRole: { role: 'Chọn vai trò' },
  agency: {
    agencyRequired: 'Chọn cơ quan',
    agency: 'Chọn một cơ quan trong danh sách; chỉ Quản trị viên mới có thể thuộc Trung ương',
  },
  newAgency: {
    agencyRequired: 'Chọn cơ quan',
    agency: 'Chọn một cơ quan trong danh sách; chỉ Quản trị viên mới có thể thuộc Trung ương',
  },
  password: {
    required: 'Nhập mật khẩu ban đầu',
  },
  newPassword: {
    required: 'Nhập mật khẩu mới',
  },
  address: {
    tooLong: 'Địa chỉ không được dài quá 300 ký tự',
    format: 'Địa chỉ chứa ký tự không hợp lệ',
  },
  phone: {
    format: 'Nhập số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm, có thể bắt đầu bằng dấu +, ví dụ 024 3825 3322',
    digits: 'Số điện thoại phải có từ 8 đến 15 chữ số',
  },
  head_name: {
    tooLong: 'Họ và tên thủ trưởng không được dài quá 100 ký tự',
    format: 'Họ và tên thủ trưởng phải có ít nhất 2 ký tự và không chứa ký tự điều khiển',
  },
  date: {
    format: 'Nhập một ngày có thật trong khoảng từ năm 2000 đến năm 2099',
  },
  kind: {
    format: 'Chọn ngày nghỉ hoặc ngày làm việc',
  },
  name_vi: {
    required: 'Nhập tên bằng tiếng Việt',
    format: 'Tên tiếng Việt không được dài quá 200 ký tự',
  },
  name_en: {
    required: 'Nhập tên bằng tiếng Anh',
    format: 'Tên tiếng Anh không được dài quá 200 ký tự',
  },
};

const passwordMessages: Record<string, string> = {
  tooShort: 'Mật khẩu phải có ít nhất 12 ký tự',
  tooLong: 'Mật khẩu không được dài quá 200 ký tự',
  tooSimple: 'Mật khẩu quá đơn giản: dùng ít nhất 5 ký tự khác nhau và không dùng dãy dễ đoán',
  containsEmail: 'Mật khẩu không được chứa phần tên của thư điện tử',
};

export function fieldMessage(field: string, problem: string): string {
  if ((field === 'password' || field === 'newPassword') && passwordMessages[problem]) return passwordMessages[problem];
  return fieldMessages[field]?.[problem] ?? 'Giá trị không hợp lệ, hãy kiểm tra lại';
}

/** A refusal that is not about one field. */
export function problemMessage(problem: string | null, subject: 'staff' | 'agency' | 'calendar'): string {
  switch (problem) {
    case 'forbidden':
      return subject === 'calendar'
        ? 'Chỉ quản trị viên Trung ương được sửa lịch ngày nghỉ, ngày làm việc.'
        : subject === 'agency'
          ? 'Bạn chỉ được sửa thông tin của cơ quan mình.'
          : 'Bạn không có quyền thực hiện thao tác này với tài khoản hoặc cơ quan đã chọn.';
    case 'not_found':
      return subject === 'calendar' ? 'Không tìm thấy ngày này.' : subject === 'agency' ? 'Không tìm thấy cơ quan.' : 'Không tìm thấy tài khoản.';
    case 'self':
      return 'Không thể khóa, đổi vai trò hoặc đặt lại mật khẩu cho chính tài khoản của bạn. Hãy đổi mật khẩu tại trang Tài khoản.';
    default:
      return 'Không thực hiện được thao tác. Hãy tải lại trang và thử lại.';
  }
}

/** The error summary and per-field messages of an action outcome. `ids` maps a field to its input's id. */
export function fieldErrors(fields: Record<string, string>, ids: Record<string, string>): { summary: ErrorLink[]; byField: Record<string, string> } {
  const byField: Record<string, string> = {};
  const summary: ErrorLink[] = [];
  for (const [field, problem] of Object.entries(fields)) {
    const message = fieldMessage(field, problem);
    byField[field] = message;
    summary.push({ href: `#${ids[field] ?? `f-${field}-input`}`, text: message });
  }
  return { summary, byField };
}

/** Audit actions with their Vietnamese labels, for the log's filter and its rows. */
export const auditActionLabels: Record<string, string> = {
  'admin.staff_created': 'Tạo tài khoản cán bộ',
  'admin.staff_disabled': 'Khóa tài khoản',
  'admin.staff_enabled': 'Mở khóa tài khoản',
  'admin.staff_password_reset': 'Đặt lại mật khẩu',
  'admin.staff_role_changed': 'Đổi vai trò, cơ quan',
  'admin.agency_contacts_updated': 'Sửa thông tin liên hệ cơ quan',
  'admin.calendar_day_added': 'Thêm ngày vào lịch',
  'admin.calendar_day_updated': 'Sửa ngày trong lịch',
  'admin.calendar_day_deleted': 'Xóa ngày khỏi lịch',
  'auth.signin': 'Đăng nhập',
  'auth.signin_failed': 'Đăng nhập không thành công',
  'auth.signin_throttled': 'Đăng nhập bị tạm chặn',
  'auth.2fa': 'Xác thực 2 bước',
  'auth.2fa_failed': 'Xác thực 2 bước không thành công',
  'auth.2fa_throttled': 'Xác thực 2 bước bị tạm chặn',
  'auth.recovery_code_used': 'Dùng mã khôi phục',
  'auth.totp_enabled': 'Bật xác thực 2 bước',
  'auth.totp_disabled': 'Tắt xác thực 2 bước',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.password_change_failed': 'Đổi mật khẩu không thành công',
  'auth.signout': 'Đăng xuất',
  'auth.signout_everywhere': 'Đăng xuất trên mọi thiết bị',
  'registry.create': 'Danh sách công khai: thêm',
  'registry.update': 'Danh sách công khai: sửa',
  'registry.remove': 'Danh sách công khai: rút tên',
  'registry.import': 'Danh sách công khai: nhập CSV',
  'registry.export': 'Danh sách công khai: xuất CSV',
  'reception.visit_created': 'Sổ tiếp công dân: ghi lượt tiếp',
  'reception.visit_updated': 'Sổ tiếp công dân: sửa lượt tiếp',
  // Every action of every lifecycle; where kinds share an action name, the one-stop wording.
  ...Object.fromEntries(
    [...lifecycleKinds].reverse().flatMap((kind) =>
      Object.entries(lifecycles[kind].actions).map(([action, rule]) => [`dossier.${action as DossierAction}`, `Hồ sơ: ${rule!.label.vi}`]),
    ),
  ),
};

export const auditActionGroups: { label: string; prefix: string }[] = [
  { label: 'Quản trị', prefix: 'admin.' },
  { label: 'Đăng nhập, tài khoản', prefix: 'auth.' },
  { label: 'Xử lý hồ sơ', prefix: 'dossier.' },
  { label: 'Danh sách công khai', prefix: 'registry.' },
  { label: 'Sổ tiếp công dân', prefix: 'reception.' },
];

export const entityLabels: Record<string, string> = {
  staff_user: 'Tài khoản',
  staff: 'Tài khoản',
  agency: 'Cơ quan',
  calendar_day: 'Ngày',
  dossier: 'Hồ sơ',
  registry_entry: 'Mục danh sách công khai',
  reception_visit: 'Lượt tiếp công dân',
};

/** 23/11/2026 14:05:09, Vietnam time. */
export function vnDateTime(at: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('day')}/${p('month')}/${p('year')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function compact(value: unknown): string {
  const s = value === null || value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An entry's before/after in short lines. Both sides: "role: reception → officer" for a change, "email: a@b" for an
 * unchanged value kept for context. One side only: its values, under `label` ('Trước' = what was removed, 'Sau' =
 * what was recorded).
 */
export function auditChanges(beforeRaw: unknown, afterRaw: unknown): { label: 'Trước' | 'Sau' | null; lines: string[] } {
  const before = parsed(beforeRaw);
  const after = parsed(afterRaw);
  const none = (v: unknown) => v === null || v === undefined;
  const lines = (v: unknown) => (isRecord(v) ? Object.entries(v).map(([k, x]) => `${k}: ${compact(x)}`) : [compact(v)]);
  if (none(before) && none(after)) return { label: null, lines: [] };
  if (none(before)) return { label: 'Sau', lines: lines(after) };
  if (none(after)) return { label: 'Trước', lines: lines(before) };
  if (!isRecord(before) || !isRecord(after)) return { label: null, lines: [`${compact(before)} → ${compact(after)}`] };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return {
    label: null,
    lines: keys.map((k) => {
      const a = k in before ? compact(before[k]) : '∅';
      const b = k in after ? compact(after[k]) : '∅';
      return a === b ? `${k}: ${a}` : `${k}: ${a} → ${b}`;
    }),
  };
}
