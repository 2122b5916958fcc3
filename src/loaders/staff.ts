/** Back-office wording shared by the staff pages. */

const problems: Record<string, string> = {
  reasonRequired: 'Hãy nhập lý do hoặc nội dung gửi người nộp.',
  reasonTooLong: 'Lý do quá dài (tối đa 2.000 ký tự).',
  officerInvalid: 'Hãy chọn một Chấp hành viên của cơ quan.',
  fileMissing: 'Hãy đính kèm văn bản kết quả (hoặc dự thảo kết quả).',
  noteTooLong: 'Ghi chú quá dài (tối đa 2.000 ký tự).',
  officerUnchanged: 'Hồ sơ đang được giao cho Chấp hành viên này; hãy chọn người khác.',
  'file.type': 'Văn bản kết quả phải là tệp PDF, JPG hoặc PNG.',
  'file.tooLarge': 'Văn bản kết quả phải nhỏ hơn 10 MB.',
  'file.empty': 'Tệp đã chọn trống.',
  apologyUsed: 'Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại một lần.',
  apologyNoDueDate: 'Hồ sơ chưa có ngày hẹn trả kết quả nên chưa thể hẹn lại.',
  extensionUsed: 'Thời hạn giải quyết đã được gia hạn một lần; chỉ được gia hạn một lần.',
  conclusionMissing: 'Hãy chọn kết luận: đúng, đúng một phần hoặc sai.',
  numberMissing: 'Hãy nhập số của quyết định, kết luận (như in trên văn bản).',
  numberTooLong: 'Số quyết định quá dài (tối đa 50 ký tự).',
  findingsMissing: 'Hãy nhập kết quả xác minh (nội dung bắt buộc của quyết định, kết luận).',
  legalBasisMissing: 'Hãy nhập căn cứ pháp luật của quyết định, kết luận.',
  remedyMissing: 'Hãy chọn quyết định giữ nguyên, sửa đổi hay hủy bỏ quyết định, hành vi bị khiếu nại.',
  remedyMismatch: 'Khiếu nại sai thì giữ nguyên quyết định, hành vi bị khiếu nại; khiếu nại đúng hoặc đúng một phần thì sửa đổi hoặc hủy bỏ.',
  measuresMissing: 'Hãy nhập biện pháp xử lý theo kết luận (hoặc ghi rõ không có).',
  decisionTextTooLong: 'Nội dung quá dài (tối đa 2.000 ký tự mỗi mục).',
  dateInvalid: 'Ngày hẹn mới phải là một ngày làm việc, sau ngày hẹn hiện tại và sau hôm nay.',
  notAllowed: 'Vai trò của bạn không được thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
  other_agency: 'Hồ sơ không thuộc cơ quan của bạn.',
  not_allowed: 'Vai trò của bạn không được thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
  not_found: 'Không tìm thấy hồ sơ.',
  notAssigned: 'Chỉ Chấp hành viên được phân công mới ghi nhận kết quả.',
};

export function staffActionErrorText(problem: string | null | undefined): string {
  return (problem && problems[problem]) || 'Không thực hiện được thao tác. Hãy kiểm tra và thử lại.';
}
