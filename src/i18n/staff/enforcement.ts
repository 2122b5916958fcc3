/** Enforcement results and targets (/can-bo/ket-qua-thi-hanh-an). */
export const enforcement = {
  /** The CSV template asked for without a session. */
  signInNeeded: 'Cần đăng nhập.',
  agencyProblem: 'Chọn một cơ quan trong danh sách',
  allAgencies: 'Tất cả cơ quan',
};
