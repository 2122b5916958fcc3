/** What every back-office page shares: the layout, navigation, the error summary's title, the words of a failed action. */
export const common = {
  errorSummaryTitle: 'Có lỗi cần sửa',
  /** The action could not read the request (a stale or altered form): nothing was done. */
  actionFailed: 'Không thực hiện được thao tác. Hãy tải lại trang và thử lại.',
  /** A refusal without a text of its own. */
  actionRefused: 'Không thực hiện được thao tác. Hãy kiểm tra và thử lại.',
};
