/**
 * The denunciation lifecycle (complaints.md; Law on Denunciations 2018): received → accepted | not accepted |
 * transferred → verification (one extension) → conclusion (right / partly right / false) → closed; the denouncer is
 * told the result, and may withdraw. The denouncer's identity never travels with the case (src/server/denouncers).
 *
 * A report whose author gives no real name and address is not a denunciation (Law on Denunciations 2018, Art. 25):
 * it is kept as a tip (thông tin phản ánh), which the head may still act on — an inspection where it carries concrete
 * evidence — or file. Its author, who may still track it by code and PIN, is told which.
 */
import type { LifecycleTable } from './types.ts';

export const denunciationStatuses = ['submitted', 'accepted', 'not_accepted', 'transferred', 'verifying', 'concluded', 'closed', 'withdrawn', 'tip', 'tip_closed'] as const;
export type DenunciationStatus = (typeof denunciationStatuses)[number];

const actions = {
  submit: { from: [], to: 'submitted', by: ['citizen', 'reception'], public: true, label: { vi: 'Gửi đơn tố cáo', en: 'Denunciation filed' }, mail: 'petition_submitted' },
  accept: {
    from: ['submitted'], to: 'accepted', by: ['head'], public: true, notice: 'thu-ly-to-cao', mail: 'stage',
    label: { vi: 'Thụ lý tố cáo', en: 'Denunciation accepted for handling' },
  },
  not_accept: {
    from: ['submitted'], to: 'not_accepted', by: ['head'], public: true, inputs: ['reason'], notice: 'khong-thu-ly', mail: 'stage',
    label: { vi: 'Không thụ lý tố cáo', en: 'Denunciation not accepted' },
  },
  transfer: {
    from: ['submitted'], to: 'transferred', by: ['head', 'reception'], public: true, inputs: ['reason'], notice: 'chuyen-don', mail: 'stage',
    label: { vi: 'Chuyển đơn đến cơ quan có thẩm quyền', en: 'Passed to the competent authority' },
  },
  treat_as_tip: {
    from: ['submitted'], to: 'tip', by: ['head', 'reception'], public: true, inputs: ['reason'], mail: 'stage',
    label: { vi: 'Không xử lý theo thủ tục tố cáo, lưu làm thông tin phản ánh', en: 'Not handled as a denunciation: kept as a tip' },
  },
  act_on_tip: {
    from: ['tip'], to: 'tip_closed', by: ['head'], public: true, inputs: ['reason'], mail: 'stage',
    label: { vi: 'Xử lý thông tin phản ánh', en: 'Action taken on the tip' },
  },
  file_tip: {
    from: ['tip'], to: 'tip_closed', by: ['head'], public: true, inputs: ['reason'], mail: 'stage',
    label: { vi: 'Lưu thông tin phản ánh, không xử lý', en: 'Tip filed without action' },
  },
  verify: {
    from: ['accepted'], to: 'verifying', by: ['head'], public: true, inputs: ['officer'], mail: 'stage',
    label: { vi: 'Xác minh nội dung tố cáo', en: 'Verification of the denunciation' },
  },
  extend: {
    from: ['verifying'], to: null, by: ['head'], public: true, inputs: ['date', 'reason'], mail: 'stage',
    label: { vi: 'Gia hạn thời hạn giải quyết tố cáo', en: 'Time to conclude extended' },
  },
  conclude: {
    from: ['verifying'], to: 'concluded', by: ['head'], public: true, inputs: ['number', 'findings', 'legalBasis', 'conclusion', 'measures', 'file', 'note'],
    notice: 'ket-luan-to-cao', mail: 'stage',
    label: { vi: 'Kết luận nội dung tố cáo', en: 'Conclusion on the denunciation' },
  },
  close: {
    from: ['concluded'], to: 'closed', by: ['reception', 'head'], public: true, mail: 'stage', invitesSurvey: true,
    label: { vi: 'Kết thúc hồ sơ tố cáo', en: 'Denunciation closed' },
  },
  withdraw: {
    from: ['submitted', 'accepted', 'verifying'], to: 'withdrawn', by: ['citizen'], public: true, mail: 'withdrawn',
    label: { vi: 'Rút đơn tố cáo', en: 'Denunciation withdrawn' },
  },
} as const;
export type DenunciationAction = keyof typeof actions;

export const denunciation: LifecycleTable<DenunciationStatus, DenunciationAction> = {
  statuses: denunciationStatuses,
  closed: ['not_accepted', 'transferred', 'closed', 'withdrawn', 'tip_closed'],
  pending: ['accepted', 'verifying'],
  actions,
  statusLabels: {
    submitted: { vi: 'Đã nhận đơn, chờ thụ lý', en: 'Received, waiting to be accepted' },
    accepted: { vi: 'Đã thụ lý', en: 'Accepted for handling' },
    not_accepted: { vi: 'Không thụ lý', en: 'Not accepted' },
    transferred: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Passed to the competent authority' },
    verifying: { vi: 'Đang xác minh', en: 'Being verified' },
    concluded: { vi: 'Đã có kết luận', en: 'Concluded' },
    closed: { vi: 'Đã kết thúc', en: 'Closed' },
    withdrawn: { vi: 'Đã rút đơn', en: 'Withdrawn' },
    tip: { vi: 'Thông tin phản ánh, chờ Thủ trưởng xem xét', en: 'Kept as a tip, for the head to consider' },
    tip_closed: { vi: 'Thông tin phản ánh đã được xem xét', en: 'Tip considered' },
  },
  nextSteps: {
    submitted: {
      vi: 'Cơ quan có thẩm quyền xem xét đơn và thông báo cho bạn việc thụ lý hoặc không thụ lý. Danh tính của bạn được giữ bí mật.',
      en: 'The competent authority reviews your denunciation and tells you whether it accepts it. Your identity is kept secret.',
    },
    accepted: { vi: 'Tố cáo đã được thụ lý và sẽ được xác minh.', en: 'Your denunciation has been accepted and will be verified.' },
    not_accepted: { vi: 'Tố cáo không được thụ lý. Lý do được ghi ở trên.', en: 'Your denunciation was not accepted. The reasons are shown above.' },
    transferred: {
      vi: 'Đơn đã được chuyển đến cơ quan có thẩm quyền giải quyết, không kèm thông tin về danh tính của bạn ngoài những gì cần thiết.',
      en: 'Your denunciation has been passed to the competent authority.',
    },
    verifying: { vi: 'Cơ quan đang xác minh nội dung tố cáo.', en: 'The agency is verifying your denunciation.' },
    concluded: { vi: 'Đã có kết luận nội dung tố cáo; bạn được thông báo kết quả ở dưới.', en: 'The denunciation has been concluded; the result is below.' },
    closed: { vi: 'Hồ sơ tố cáo đã kết thúc.', en: 'This denunciation is closed.' },
    withdrawn: { vi: 'Bạn đã rút đơn tố cáo.', en: 'You withdrew this denunciation.' },
    tip: {
      vi: 'Đơn không ghi rõ họ tên, địa chỉ thật của người tố cáo nên không được giải quyết theo thủ tục tố cáo. Thủ trưởng cơ quan vẫn xem xét nội dung để kiểm tra, chấn chỉnh nếu có căn cứ.',
      en: 'The report does not give its author’s real name and address, so it is not handled as a denunciation. The head of the agency still considers its content and may act on it.',
    },
    tip_closed: { vi: 'Thủ trưởng cơ quan đã xem xét thông tin phản ánh; kết quả ghi ở trên.', en: 'The head of the agency has considered the tip; the outcome is shown above.' },
  },
};
