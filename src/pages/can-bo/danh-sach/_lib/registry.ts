/** Wording shared by the pages that keep the public list (the leading underscore keeps this out of routing). */
import type { SessionUser } from '../../../../server/auth/session.ts';
import type { RegistryActor } from '../../../../server/registry/admin.ts';
import type { ErrorLink } from '../../../../loaders/error-link.ts';

/** The signed-in user as the registry services see them; undefined for a role that does not keep the list. */
export function registryActorOf(user: SessionUser): RegistryActor | undefined {
  if (!['reception', 'officer', 'head', 'admin'].includes(user.role)) return undefined;
  if (user.agency_code === null && user.role !== 'admin') return undefined;
  return { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code };
}

export const fieldLabels: Record<string, string> = {
  debtor_name: 'Họ và tên người phải thi hành án',
  debtor_address: 'Địa chỉ',
  province_code: 'Tỉnh, thành phố',
  agency_code: 'Cơ quan thi hành án',
  judgment_number: 'Số bản án, quyết định',
  judgment_date: 'Ngày bản án, quyết định',
  judgment_court: 'Tòa án ra bản án, quyết định',
  decision_number: 'Số quyết định thi hành án',
  decision_date: 'Ngày quyết định thi hành án',
  obligation: 'Nghĩa vụ chưa thi hành',
  reason: 'Lý do chưa có điều kiện thi hành',
  reason_detail: 'Diễn giải lý do',
  verified_on: 'Ngày xác minh gần nhất',
  published_on: 'Ngày công khai',
  removed_on: 'Ngày rút khỏi danh sách',
  removal_reason: 'Căn cứ rút khỏi danh sách',
};

export const reasonLabels: Record<string, string> = {
  no_means: 'Không có thu nhập hoặc tài sản để thi hành án',
  item_gone: 'Tài sản phải trả không còn hoặc hư hỏng',
  address_unknown: 'Chưa xác định được địa chỉ',
};

export const removalLabels: Record<string, string> = {
  conditions_appeared: 'Đã có điều kiện thi hành (quyết định tiếp tục thi hành án)',
  enforced: 'Đã thi hành xong hoặc đình chỉ thi hành án',
  revoked: 'Quyết định về việc chưa có điều kiện thi hành bị hủy bỏ',
};

const problems: Record<string, (label: string) => string> = {
  required: (l) => `Nhập ${l.toLowerCase()}`,
  tooLong: (l) => `${l} quá dài`,
  tooShort: (l) => `${l} quá ngắn`,
  encoding: (l) => `${l} có ký tự lỗi mã hóa: hãy lưu tệp dạng CSV UTF-8`,
  date: (l) => `${l} phải là một ngày có thật, dạng yyyy-mm-dd hoặc dd/mm/yyyy`,
  future: (l) => `${l} không được sau ngày hôm nay`,
  beforeJudgment: () => 'Ngày quyết định thi hành án không được trước ngày bản án, quyết định',
  beforeDecision: () => 'Ngày rút khỏi danh sách không được trước ngày quyết định thi hành án',
  reason: (l) => `${l} không hợp lệ: chọn một giá trị trong danh sách`,
  unknown: (l) => `${l}: mã không tồn tại`,
  scope: () => 'Bạn chỉ được cập nhật danh sách của cơ quan mình và các phòng thi hành án khu vực trực thuộc',
  mismatch: () => 'Tỉnh, thành phố không khớp với tỉnh, thành phố của cơ quan thi hành án',
};

/** A field problem from the service → what to tell the officer. */
export function fieldMessage(field: string, problem: string): string {
  const label = fieldLabels[field] ?? field;
  if (field === 'removal_reason' && problem === 'required') return 'Chọn căn cứ rút khỏi danh sách';
  if (field === 'reason' && problem === 'required') return 'Chọn lý do chưa có điều kiện thi hành';
  if (field === 'agency_code' && problem === 'required') return 'Chọn cơ quan thi hành án';
  return problems[problem]?.(label) ?? `${label}: giá trị không hợp lệ`;
}

/** A file or row problem of a CSV import. */
export function importMessage(field: string | undefined, reason: string, other?: number): string {
  switch (reason) {
    case 'duplicateRow':
      return `Trùng với dòng ${other ?? ''}: cùng người, cùng quyết định thi hành án`;
    case 'listed':
      return 'Người này đã có trong danh sách công khai theo cùng quyết định thi hành án';
    case 'header':
      return `Thiếu cột ${field}`;
    case 'unknownColumn':
      return `Cột không được hỗ trợ: "${field ?? ''}"`;
    case 'duplicateColumn':
      return `Cột ${field} bị lặp lại`;
    case 'csv':
      return 'Dòng không đúng định dạng CSV (số cột khác dòng tiêu đề hoặc dấu ngoặc kép không đóng)';
    case 'tooManyRows':
      return 'Tệp có quá 200.000 dòng: hãy chia thành nhiều tệp';
    case 'tooLarge':
      return 'Tệp lớn hơn 50 MB: hãy chia thành nhiều tệp';
    case 'empty':
      return 'Tệp không có dòng dữ liệu nào';
    default:
      return field ? fieldMessage(field, reason) : 'Dòng không hợp lệ';
  }
}

/** A refusal that is not about one field. */
export function problemMessage(problem: string | null): string {
  switch (problem) {
    case 'forbidden':
      return 'Bạn chỉ được cập nhật danh sách của cơ quan mình và các phòng thi hành án khu vực trực thuộc.';
    case 'not_found':
      return 'Không tìm thấy người này trong danh sách.';
    case 'removed':
      return 'Người này đã được rút khỏi danh sách; không thể sửa hoặc rút lại.';
    default:
      return 'Không thực hiện được thao tác. Hãy tải lại trang và thử lại.';
  }
}

/** The error summary and per-field messages of a refusal. */
export function fieldErrors(fields: Record<string, string>): { summary: ErrorLink[]; byField: Record<string, string> } {
  const byField: Record<string, string> = {};
  const summary: ErrorLink[] = [];
  for (const [field, problem] of Object.entries(fields)) {
    const message = fieldMessage(field, problem);
    byField[field] = message;
    summary.push({ href: `#f-${field}-input`, text: message });
  }
  return { summary, byField };
}

/** 23/11/2026 from 2026-11-23. */
export const vnDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '—');
