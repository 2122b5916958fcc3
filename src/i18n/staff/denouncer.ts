/** A denouncer's identity vault (/can-bo/ho-so/<code>/nguoi-to-cao). */
import { common } from './common.ts';

export const denouncer = {
  /** Refusals of reading the identity, by the vault's code (src/server/denouncers/vault.ts). */
  readProblems: {
    reason_required: 'Hãy nhập lý do xem thông tin người tố cáo.',
    reason_too_long: (max: number) => `Lý do quá dài (tối đa ${max} ký tự).`,
    undecryptable: 'Không giải mã được thông tin người tố cáo (khóa máy chủ đã thay đổi?). Hãy báo quản trị viên.',
  },
  /** Refusals of granting or revoking access, by the vault's code (`grantProblems`). */
  grantProblems: {
    reason_required: 'Hãy nhập lý do giao quyền xem.',
    reason_too_long: (max: number) => `Lý do quá dài (tối đa ${max} ký tự).`,
    staff_invalid: 'Hãy chọn một cán bộ của cơ quan.',
    denounced: 'Không thể giao quyền cho người bị tố cáo.',
    already: 'Cán bộ này đang có quyền xem.',
    not_found: 'Không tìm thấy quyền xem này (có thể đã được thu hồi).',
    /** An administrator may see the page, but managing who else may read is the head's alone. */
    not_allowed: 'Chỉ Thủ trưởng cơ quan giải quyết được giao hoặc thu hồi quyền xem.',
  },
  /** After a grant or a revocation, by the page's `da-thuc-hien` flag. */
  done: {
    'cap-quyen': 'Đã giao quyền xem thông tin người tố cáo.',
    'thu-hoi': 'Đã thu hồi quyền xem.',
  } as Record<string, string>,
  basis: { head: 'Thủ trưởng cơ quan giải quyết', admin: 'Quản trị viên', grant: 'được Thủ trưởng giao quyền xem vụ việc này' },
  forbiddenTitle: 'Không có quyền xem',
  forbiddenHeading: 'Không có quyền xem thông tin người tố cáo',
  forbiddenText:
    'Thông tin về người tố cáo được giữ bí mật. Chỉ Thủ trưởng cơ quan giải quyết tố cáo, quản trị viên và cán bộ được Thủ trưởng giao quyền cho vụ việc này được xem. Lần truy cập này đã được ghi vào nhật ký.',
  backToDossier: (code: string) => `← Về hồ sơ ${code}`,
  title: (code: string) => `Người tố cáo – hồ sơ ${code}`,
  caption: 'Hồ sơ tố cáo',
  heading: 'Thông tin người tố cáo',
  warning:
    'Thông tin này được giữ bí mật theo Luật Tố cáo. Không sao chép, không ghi vào văn bản gửi người khác, không tiết lộ cho người bị tố cáo. Mỗi lần xem được ghi vào nhật ký cùng lý do.',
  viewingAs: (basis: string) => `Bạn được xem với tư cách: ${basis}.`,
  identityHeading: 'Người tố cáo',
  identity: {
    fullName: 'Họ và tên',
    cccd: 'Số định danh cá nhân',
    dateOfBirth: 'Ngày sinh',
    address: 'Địa chỉ liên hệ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    scans: 'Bản chụp đơn có chữ ký',
  },
  noScans: 'Không có',
  notKept: 'Trang này không được lưu; tải lại sẽ không hiện lại thông tin.',
  reasonLabel: 'Lý do xem',
  reasonHint: 'Ví dụ: liên hệ người tố cáo để làm rõ nội dung; áp dụng biện pháp bảo vệ. Lý do được ghi vào nhật ký.',
  read: 'Xem thông tin người tố cáo',
  grantsHeading: 'Người được giao quyền xem',
  noGrants: 'Chưa giao quyền xem cho cán bộ nào.',
  grantsCaption: 'Quyền xem thông tin người tố cáo',
  grantColumns: { staff: 'Cán bộ', reason: 'Lý do', at: 'Giao ngày', state: 'Tình trạng' },
  revokedOn: (date: string) => `Đã thu hồi ngày ${date}`,
  revoke: (name: string) => `Thu hồi quyền của ${name}`,
  grantHeading: 'Giao quyền xem',
  staffLabel: 'Cán bộ của cơ quan',
  choose: common.choose,
  grantReasonLabel: 'Lý do giao quyền',
  grant: 'Giao quyền xem',
};
