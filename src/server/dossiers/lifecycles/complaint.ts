/**
 * The complaint lifecycle (complaints.md; Law on THADS 2008 Arts. 140–161, Circular 13/2021/TT-BTP): received →
 * accepted (thụ lý) | not accepted (an Art. 141 ground) | transferred to the competent level | filed away →
 * verification, explanation, dialogue (one extension) → decision → closed; withdrawn at any open stage. A second
 * complaint is its own dossier linked to the first; its decision is final.
 */
import type { LifecycleTable } from './types.ts';

export const complaintStatuses = [
  'submitted',
  'accepted',
  'not_accepted',
  'transferred',
  'filed_away',
  'verifying',
  'decided',
  'closed',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

const actions = {
  submit: { from: [], to: 'submitted', by: ['citizen', 'reception'], public: true, label: { vi: 'Nộp đơn khiếu nại', en: 'Complaint filed' }, mail: 'petition_submitted' },
  accept: {
    from: ['submitted'], to: 'accepted', by: ['head'], public: true, notice: 'thu-ly-khieu-nai', mail: 'stage',
    label: { vi: 'Thụ lý giải quyết khiếu nại', en: 'Complaint accepted for handling' },
  },
  not_accept: {
    from: ['submitted'], to: 'not_accepted', by: ['head'], public: true, inputs: ['reason'], notice: 'khong-thu-ly', mail: 'stage',
    label: { vi: 'Không thụ lý khiếu nại', en: 'Complaint not accepted' },
  },
  transfer: {
    from: ['submitted'], to: 'transferred', by: ['head', 'reception'], public: true, inputs: ['reason'], notice: 'chuyen-don', mail: 'stage',
    label: { vi: 'Chuyển đơn đến cơ quan có thẩm quyền', en: 'Passed to the competent authority' },
  },
  file_away: {
    from: ['submitted'], to: 'filed_away', by: ['head'], public: true, inputs: ['reason'], mail: 'stage',
    label: { vi: 'Lưu đơn, không giải quyết', en: 'Filed without handling' },
  },
  verify: {
    from: ['accepted'], to: 'verifying', by: ['head'], public: true, inputs: ['officer'], mail: 'stage',
    label: { vi: 'Xác minh, giải trình, đối thoại', en: 'Verification, explanation and dialogue' },
  },
  extend: {
    from: ['verifying'], to: null, by: ['head'], public: true, inputs: ['date', 'reason'], mail: 'stage',
    label: { vi: 'Gia hạn thời hạn giải quyết khiếu nại', en: 'Time to decide extended' },
  },
  decide: {
    from: ['verifying'], to: 'decided', by: ['head'], public: true, inputs: ['number', 'findings', 'legalBasis', 'conclusion', 'remedy', 'file', 'note'],
    notice: 'quyet-dinh-khieu-nai', mail: 'stage',
    label: { vi: 'Quyết định giải quyết khiếu nại', en: 'Decision on the complaint' },
  },
  close: {
    from: ['decided'], to: 'closed', by: ['reception', 'head'], public: true, mail: 'stage', invitesSurvey: true,
    label: { vi: 'Kết thúc hồ sơ khiếu nại', en: 'Complaint closed' },
  },
  withdraw: {
    from: ['submitted', 'accepted', 'verifying'], to: 'withdrawn', by: ['citizen'], public: true, mail: 'withdrawn',
    label: { vi: 'Rút đơn khiếu nại', en: 'Complaint withdrawn' },
  },
} as const;
export type ComplaintAction = keyof typeof actions;

export const complaint: LifecycleTable<ComplaintStatus, ComplaintAction> = {
  statuses: complaintStatuses,
  closed: ['not_accepted', 'transferred', 'filed_away', 'closed', 'withdrawn'],
  pending: ['accepted', 'verifying'],
  actions,
  statusLabels: {
    submitted: { vi: 'Đã nhận đơn, chờ thụ lý', en: 'Received, waiting to be accepted' },
    accepted: { vi: 'Đã thụ lý', en: 'Accepted for handling' },
    not_accepted: { vi: 'Không thụ lý', en: 'Not accepted' },
    transferred: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Passed to the competent authority' },
    filed_away: { vi: 'Lưu đơn', en: 'Filed without handling' },
    verifying: { vi: 'Đang xác minh, đối thoại', en: 'Being verified' },
    decided: { vi: 'Đã có quyết định giải quyết', en: 'Decided' },
    closed: { vi: 'Đã kết thúc', en: 'Closed' },
    withdrawn: { vi: 'Đã rút đơn', en: 'Withdrawn' },
  },
  nextSteps: {
    submitted: {
      vi: 'Cơ quan có thẩm quyền xem xét đơn và thông báo bằng văn bản việc thụ lý, hoặc không thụ lý kèm lý do. Bạn có thể rút đơn bất cứ lúc nào trước khi có quyết định.',
      en: 'The competent authority reviews your complaint and tells you in writing whether it accepts it, with the reasons if not. You may withdraw it at any time before the decision.',
    },
    accepted: {
      vi: 'Khiếu nại đã được thụ lý. Cơ quan sẽ xác minh, có thể mời bạn giải trình hoặc đối thoại, và ra quyết định trong thời hạn ghi ở trên.',
      en: 'Your complaint has been accepted. The agency will verify it, may invite you to explain or to a dialogue, and will decide by the date above.',
    },
    not_accepted: { vi: 'Khiếu nại không được thụ lý. Lý do được ghi ở trên.', en: 'Your complaint was not accepted. The reasons are shown above.' },
    transferred: {
      vi: 'Đơn đã được chuyển đến cơ quan có thẩm quyền giải quyết; cơ quan đó sẽ liên hệ với bạn.',
      en: 'Your complaint has been passed to the authority competent to decide it; it will contact you.',
    },
    filed_away: { vi: 'Đơn được lưu, không giải quyết. Lý do được ghi ở trên.', en: 'Your complaint was filed without handling. The reasons are shown above.' },
    verifying: {
      vi: 'Cơ quan đang xác minh nội dung khiếu nại. Bạn có thể được mời cung cấp thêm tài liệu hoặc đối thoại.',
      en: 'The agency is verifying your complaint. You may be asked for more documents or invited to a dialogue.',
    },
    decided: {
      vi: 'Đã có quyết định giải quyết khiếu nại; tải quyết định ở dưới. Nếu không đồng ý với quyết định lần đầu, bạn có thể khiếu nại lần hai trong 15 ngày kể từ ngày nhận quyết định.',
      en: 'The decision on your complaint is ready; download it below. If you disagree with a first decision, you may complain a second time within 15 days of receiving it.',
    },
    closed: { vi: 'Hồ sơ khiếu nại đã kết thúc.', en: 'This complaint is closed.' },
    withdrawn: { vi: 'Bạn đã rút đơn khiếu nại. Việc giải quyết đã dừng.', en: 'You withdrew this complaint. Its handling has stopped.' },
  },
};
