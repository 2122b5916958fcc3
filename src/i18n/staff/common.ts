/** What every back-office page shares: the layout, navigation, the error summary's title, the words of a failed action. */
export const common = {
  errorSummaryTitle: 'Có lỗi cần sửa',
  /** Read before a message under a field (visually hidden), so a screen reader says it is an error. */
  errorPrefix: 'Lỗi:',
  /** After the label of a field that may be left empty. */
  optional: ' (không bắt buộc)',
  /** The level above the provinces, where central administrators belong (no agency). */
  central: 'Trung ương',
  /** A form whose save could not be done (a stale or altered form): nothing was saved. */
  saveFailed: 'Không lưu được. Hãy tải lại trang và thử lại.',
  /** A field's value the service does not take, after the field's label. */
  invalidValue: (label: string) => `${label}: giá trị không hợp lệ`,
  /** The empty first option of a list to choose from, and of a list of agencies. */
  choose: '— Chọn —',
  chooseAgency: '— Chọn cơ quan —',
  /** An agency that is not one of the list's. */
  agencyProblem: 'Chọn một cơ quan trong danh sách',
  /** The action could not read the request (a stale or altered form): nothing was done. */
  actionFailed: 'Không thực hiện được thao tác. Hãy tải lại trang và thử lại.',
  /** A refusal without a text of its own. */
  actionRefused: 'Không thực hiện được thao tác. Hãy kiểm tra và thử lại.',
  /** The 403 page (src/pages/403.astro): a role that may not use what it asked for. */
  forbidden: {
    title: 'Không có quyền truy cập',
    text: 'Vai trò của bạn không được dùng chức năng này. Nếu bạn cần quyền này, hãy liên hệ quản trị viên của cơ quan.',
    back: 'Về hàng đợi hồ sơ',
  },
};
