/**
 * The one-stop lifecycle (DESIGN.md): which action moves a dossier from which status to which, who may take it, what
 * the citizen is told, the e-mail and the notice it produces, and what staff enter.
 */
import type { LifecycleTable } from './types.ts';

export const oneStopStatuses = [
  'submitted',
  'received',
  'refused',
  'awaiting_supplement',
  'in_progress',
  'awaiting_approval',
  'result_ready',
  'returned',
  'rejected',
  'withdrawn',
] as const;
export type OneStopStatus = (typeof oneStopStatuses)[number];

const actions = {
  submit: { from: [], to: 'submitted', by: ['citizen', 'reception'], public: true, label: { vi: 'Nộp hồ sơ', en: 'Application submitted' }, mail: 'submitted' },
  receive: { from: ['submitted'], to: 'received', by: ['reception'], public: true, label: { vi: 'Tiếp nhận hồ sơ, hẹn ngày trả kết quả', en: 'Application received, result date set' }, mail: 'received', notice: 'tiep-nhan' },
  request_supplement: { from: ['submitted', 'received', 'in_progress'], to: 'awaiting_supplement', by: ['reception', 'officer'], public: true, inputs: ['reason'], label: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'More documents requested' }, mail: 'supplement_requested', notice: 'bo-sung' },
  refuse: { from: ['submitted'], to: 'refused', by: ['reception'], public: true, inputs: ['reason'], label: { vi: 'Từ chối tiếp nhận hồ sơ', en: 'Application refused' }, mail: 'refused', notice: 'tu-choi' },
  supplement: { from: ['awaiting_supplement'], to: 'submitted', by: ['citizen'], public: true, label: { vi: 'Đã nộp tài liệu bổ sung', en: 'Additional documents sent' }, mail: 'supplement_received' },
  withdraw: { from: ['submitted', 'awaiting_supplement'], to: 'withdrawn', by: ['citizen'], public: true, label: { vi: 'Rút hồ sơ', en: 'Application withdrawn' }, mail: 'withdrawn' },
  assign: { from: ['received'], to: 'in_progress', by: ['head', 'reception'], public: false, inputs: ['officer'], label: { vi: 'Phân công xử lý', en: 'Assigned' } },
  reassign: { from: ['in_progress'], to: 'in_progress', by: ['head'], public: false, inputs: ['officer'], label: { vi: 'Phân công lại', en: 'Reassigned' } },
  apologise: { from: ['received', 'in_progress', 'awaiting_approval'], to: null, by: ['head', 'officer'], public: true, inputs: ['date', 'reason'], label: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new result date' }, mail: 'apologised', notice: 'xin-loi' },
  record_result: { from: ['in_progress'], to: 'result_ready', by: ['officer'], public: true, signedBy: 'officer', inputs: ['file', 'note'], label: { vi: 'Đã có kết quả giải quyết', en: 'Result ready' }, mail: 'result_ready' },
  submit_draft: { from: ['in_progress'], to: 'awaiting_approval', by: ['officer'], public: false, signedBy: 'head', inputs: ['file', 'note'], label: { vi: 'Trình Thủ trưởng dự thảo kết quả', en: 'Draft result sent to the head for signature' } },
  approve: { from: ['awaiting_approval'], to: 'result_ready', by: ['head'], public: true, signedBy: 'head', inputs: ['note'], label: { vi: 'Thủ trưởng phê duyệt, đã có kết quả', en: 'Result signed by the head, ready' }, mail: 'result_ready' },
  send_back: { from: ['awaiting_approval'], to: 'in_progress', by: ['head'], public: false, signedBy: 'head', inputs: ['reason'], label: { vi: 'Thủ trưởng trả lại dự thảo để sửa', en: 'Draft sent back by the head for changes' } },
  reject: { from: ['in_progress', 'awaiting_approval'], to: 'rejected', by: ['head'], public: true, inputs: ['reason'], label: { vi: 'Không giải quyết hồ sơ', en: 'Application rejected' }, mail: 'rejected' },
  return_result: { from: ['result_ready'], to: 'returned', by: ['reception'], public: true, invitesSurvey: true, label: { vi: 'Trả kết quả', en: 'Result returned' }, mail: 'returned' },
} as const;
export type OneStopAction = keyof typeof actions;

export const oneStop: LifecycleTable<OneStopStatus, OneStopAction> = {
  statuses: oneStopStatuses,
  closed: ['refused', 'returned', 'rejected', 'withdrawn'],
  pending: ['received', 'in_progress', 'awaiting_approval'],
  actions,
  // one-stop.md's typical list.
  statusLabels: {
  submitted: { vi: 'Mới nộp, chờ tiếp nhận', en: 'Submitted, waiting to be received' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  awaiting_supplement: { vi: 'Yêu cầu bổ sung', en: 'More documents needed' },
  in_progress: { vi: 'Đang xử lý', en: 'Being processed' },
  awaiting_approval: { vi: 'Chờ Thủ trưởng phê duyệt', en: 'Waiting for the head of the agency to sign' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  rejected: { vi: 'Không giải quyết', en: 'Rejected' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  },
  nextSteps: {
  submitted: {
    vi: 'Cơ quan thi hành án đang kiểm tra hồ sơ. Nếu hồ sơ đầy đủ, bạn sẽ nhận giấy tiếp nhận và ngày hẹn trả kết quả; nếu còn thiếu, bạn sẽ được báo một lần những gì cần bổ sung. Bạn có thể rút hồ sơ khi hồ sơ chưa được tiếp nhận.',
    en: 'The enforcement agency is checking your application. If it is complete you will get a receipt and the date your result is due; if anything is missing you will be told once what to add. You can withdraw it until it is received.',
  },
  received: {
    vi: 'Hồ sơ đã được tiếp nhận. Kết quả sẽ được trả đúng ngày hẹn; bạn không cần làm gì thêm.',
    en: 'Your application has been received. The result will be ready by the date shown; you do not need to do anything.',
  },
  refused: { vi: 'Hồ sơ không được tiếp nhận. Lý do được ghi ở trên.', en: 'Your application was refused. The reasons are shown above.' },
  awaiting_supplement: {
    vi: 'Hãy nộp các tài liệu được yêu cầu ở dưới đây. Thời hạn giải quyết được tính lại từ khi hồ sơ đầy đủ.',
    en: 'Send the documents requested below. The time limit starts again once your application is complete.',
  },
  in_progress: {
    vi: 'Hồ sơ đang được xử lý. Bạn sẽ được báo khi có kết quả.',
    en: 'Your application is being processed. You will be told when the result is ready.',
  },
  awaiting_approval: {
    vi: 'Dự thảo kết quả đang chờ Thủ trưởng cơ quan thi hành án ký. Bạn sẽ được báo khi có kết quả.',
    en: 'The draft result is waiting for the head of the enforcement agency to sign it. You will be told when the result is ready.',
  },
  result_ready: {
    vi: 'Đã có kết quả. Bạn sẽ được liên hệ để nhận kết quả.',
    en: 'The result is ready. You will be contacted to collect it.',
  },
  returned: { vi: 'Đã trả kết quả. Hồ sơ đã kết thúc.', en: 'The result has been returned. The application is closed.' },
  rejected: { vi: 'Hồ sơ không được giải quyết. Lý do được ghi ở trên.', en: 'Your application was rejected. The reasons are shown above.' },
  withdrawn: { vi: 'Bạn đã rút hồ sơ. Hồ sơ đã kết thúc.', en: 'You withdrew this application. It is closed.' },
  },
};
