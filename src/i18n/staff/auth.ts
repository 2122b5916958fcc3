/** Signing in and out, two-step verification and the staff member's own account. */
import { common } from './common.ts';

export const auth = {
  signIn: {
    title: 'Đăng nhập',
    heading: 'Đăng nhập hệ thống xử lý hồ sơ',
    intro: 'Dành cho cán bộ cơ quan thi hành án dân sự. Người dân nộp và tra cứu hồ sơ tại',
    home: 'trang chủ',
    signedOut: 'Bạn đã đăng xuất.',
    email: 'Thư điện tử công vụ',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    /** `minutes` to wait, and the time (Vietnam) after which the next attempt is allowed, e.g. "14:07". */
    throttled: (minutes: number, time: string) =>
      `Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${minutes} phút (lúc ${time}), hoặc đăng nhập từ máy bạn vẫn dùng.`,
    /** Why signing in was refused, by the reason the sign-in service gave (throttled has its own text above). */
    problems: {
      disabled: 'Tài khoản đã bị khóa. Hãy liên hệ quản trị viên.',
      invalid: 'Thư điện tử hoặc mật khẩu không đúng.',
    },
    failed: 'Không đăng nhập được. Hãy thử lại.',
  },
  twoStep: {
    title: 'Xác thực hai bước',
    code: 'Mã 6 chữ số trong ứng dụng xác thực',
    hint: 'Hoặc mã khôi phục 16 ký tự nếu bạn mất điện thoại (mã khôi phục sẽ tắt xác thực hai bước để bạn cài đặt lại).',
    submit: 'Xác nhận',
    throttled: (minutes: number) => `Nhập sai quá nhiều lần. Hãy thử lại sau ${minutes} phút.`,
    invalid: 'Mã xác thực không đúng.',
  },
  account: {
    title: 'Tài khoản',
    heading: 'Tài khoản của bạn',
    fullName: 'Họ và tên',
    email: 'Thư điện tử',
    role: 'Vai trò',
    /** After the role: the agency's code, or the central level for a central administrator. */
    roleAt: (agencyCode: string | null) => ` – ${agencyCode ?? common.central}`,
    twoStep: 'Xác thực hai bước',
    twoStepOn: 'Đang bật',
    twoStepOff: 'Chưa bật',
    recoveryCode: 'Mã khôi phục',
    recoveryCodeNote: 'Ghi lại và cất giữ mã này: nó chỉ hiển thị một lần và dùng khi bạn mất điện thoại.',
    changePassword: 'Đổi mật khẩu',
    currentPassword: 'Mật khẩu hiện tại',
    newPassword: 'Mật khẩu mới',
    newPasswordHint: 'Ít nhất 12 ký tự. Các phiên đăng nhập khác sẽ bị đăng xuất.',
    confirmPassword: 'Nhập lại mật khẩu mới',
    passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.',
    passwordNotChanged: 'Không đổi được mật khẩu.',
    twoStepInUse: 'Khi đăng nhập, bạn nhập thêm mã 6 chữ số trong ứng dụng xác thực.',
    disablePassword: 'Nhập mật khẩu để tắt xác thực hai bước',
    disable: 'Tắt xác thực hai bước',
    setup: 'Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) hoặc nhập khóa bên dưới, rồi nhập mã 6 chữ số ứng dụng hiển thị.',
    key: 'Khóa:',
    code: 'Mã 6 chữ số',
    enable: 'Bật xác thực hai bước',
    enabled: 'Đã bật xác thực hai bước.',
    notEnabled: 'Không bật được xác thực hai bước.',
    disabled: 'Đã tắt xác thực hai bước.',
    wrongPassword: 'Mật khẩu không đúng.',
    signOutEverywhere: 'Đăng xuất ở mọi nơi',
    signOutEverywhereText: 'Kết thúc mọi phiên đăng nhập của tài khoản này, kể cả phiên trên máy này.',
    /** Why the password was not changed, by the reason the action gave. */
    passwordProblems: {
      wrong_password: 'Mật khẩu hiện tại không đúng.',
      same_password: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
      mismatch: 'Hai lần nhập mật khẩu mới không khớp.',
      too_short: 'Mật khẩu mới phải có ít nhất 12 ký tự.',
      too_long: 'Mật khẩu mới quá dài (tối đa 200 ký tự).',
      too_simple: 'Mật khẩu mới quá đơn giản: dùng nhiều ký tự khác nhau, không dùng dãy quen thuộc.',
      contains_email: 'Mật khẩu mới không được chứa tên thư điện tử của bạn.',
      throttled: 'Nhập sai quá nhiều lần. Hãy thử lại sau ít phút.',
    },
    /** Why two-step verification was not turned on, by the reason the action gave. */
    twoStepProblems: {
      invalid_code: 'Mã xác thực không đúng — kiểm tra giờ trên điện thoại và nhập mã mới.',
      invalid_key: 'Khóa cài đặt không hợp lệ. Hãy quét lại mã QR mới bên dưới và nhập mã 6 chữ số.',
      already_enabled: 'Xác thực hai bước đã được bật.',
      not_found: 'Tài khoản của bạn không còn hoạt động, nên không bật được xác thực hai bước. Hãy liên hệ quản trị viên.',
    },
  },
};
