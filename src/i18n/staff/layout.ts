/** The back office's frame (src/layouts/StaffLayout.astro): the page title's suffix, the header and the navigation. */
import { common } from './common.ts';

export const layout = {
  system: 'Hệ thống xử lý hồ sơ THADS',
  /** Before the title of a page shown again with errors. */
  errorPrefix: 'Lỗi: ',
  skipLink: 'Bỏ qua, đến nội dung chính',
  /** After the role in the header: the agency's code, or the central level. */
  userAgency: (agencyCode: string | null) => ` · ${agencyCode ?? common.central}`,
  navLabel: 'Điều hướng cán bộ',
  nav: {
    queue: 'Hàng đợi hồ sơ',
    intake: 'Tiếp nhận tại quầy',
    visits: 'Tiếp công dân',
    complaintFigures: 'Số liệu',
    surveys: 'Khảo sát hài lòng',
    statistics: 'Thống kê',
    registry: 'Danh sách chưa có điều kiện thi hành',
    enforcementResults: 'Kết quả thi hành án',
    admin: 'Quản trị',
    myAccount: 'Tài khoản',
  },
  signOut: 'Đăng xuất',
};
