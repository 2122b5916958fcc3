/** The back office's statistics and complaint figures (/can-bo/thong-ke, /can-bo/so-lieu). */
import { common } from './common.ts';

export const statistics = {
  // The full statistics (/can-bo/thong-ke) and the dossiers behind one number (/can-bo/thong-ke/ho-so).
  title: 'Thống kê (đầy đủ)',
  lead: 'Số liệu đầy đủ, không ẩn số nhỏ. Bấm vào một số để xem danh sách hồ sơ tạo nên số đó.',
  publicLink: 'Xem trang thống kê công khai',
  drillTitle: 'Hồ sơ tạo nên số liệu',
  drillCount: (n: string) => `${n} hồ sơ`,
  drillBack: 'Quay lại thống kê',
  drillFigure: 'Chỉ tiêu',
  drillGroup: 'Nhóm',
  drillPeriod: 'Kỳ',
  columns: {
    code: 'Mã hồ sơ',
    procedure: 'Thủ tục',
    agency: 'Cơ quan',
    received: 'Tiếp nhận',
    due: 'Ngày hẹn',
    answered: 'Có kết quả',
    returned: 'Trả kết quả',
    workingDays: 'Ngày làm việc',
    status: 'Trạng thái',
    submitted: 'Ngày nộp',
  },
  none: 'Không có hồ sơ nào.',
  /** The complaint, denunciation and reception figures (/can-bo/so-lieu). */
  figures: {
    title: 'Số liệu khiếu nại, tố cáo và tiếp công dân',
    agency: 'Cơ quan',
    from: 'Từ ngày',
    to: 'Đến ngày',
    show: 'Xem số liệu',
    caption: (agency: string, from: string, to: string) => `${agency} và các phòng thi hành án khu vực trực thuộc, từ ${from} đến ${to}`,
    columns: { figure: 'Chỉ tiêu', value: 'Số liệu', definition: 'Cách tính' },
    note: 'Đơn là đơn nhận trong kỳ; giai đoạn xử lý của đơn tính đến thời điểm xem số liệu.',
    /** Each figure: its name and how it is counted. */
    rows: {
      visits: ['Lượt tiếp công dân', 'Lượt công dân đến trình bày trực tiếp có ngày tiếp trong kỳ (sổ tiếp công dân).'],
      citizens: ['Số người được tiếp', 'Tổng số người của các lượt tiếp; một đoàn tính mỗi người.'],
      petitions: ['Đơn tiếp nhận', (complaints: number, denunciations: number) => `Hồ sơ khiếu nại (${complaints}) và tố cáo (${denunciations}) nộp trong kỳ, trực tuyến hoặc tại quầy.`],
      cases: ['Số vụ việc', 'Đơn trong kỳ, nhiều đơn về cùng một việc tính là một vụ việc: khiếu nại lần hai gắn với lần đầu, đơn từ các lần tiếp nối tiếp nhau.'],
      withinAuthority: ['Thuộc thẩm quyền', 'Đơn không bị chuyển đến cơ quan có thẩm quyền khác.'],
      outsideAuthority: ['Không thuộc thẩm quyền', 'Đơn đã chuyển đến cơ quan có thẩm quyền.'],
      accepted: ['Đã thụ lý', 'Đơn đã được thụ lý (kể cả đơn đang xác minh, đã giải quyết, đã kết thúc hoặc rút sau khi thụ lý).'],
      resolved: ['Đã giải quyết', 'Khiếu nại đã có quyết định giải quyết, tố cáo đã có kết luận (kể cả đã kết thúc).'],
      resolvedOnTime: ['Giải quyết đúng hạn', 'Ngày ra quyết định hoặc kết luận không sau hạn giải quyết đang có hiệu lực khi đó (kể cả gia hạn).'],
      resolvedRate: ['Tỷ lệ giải quyết', 'Đã giải quyết trên đã thụ lý.'],
      onTimeRate: ['Tỷ lệ đúng hạn', 'Giải quyết đúng hạn trên đã giải quyết.'],
    },
    problems: {
      from: 'Từ ngày phải là một ngày có thật, dạng dd/mm/yyyy',
      to: 'Đến ngày phải là một ngày có thật, dạng dd/mm/yyyy',
      order: 'Đến ngày không được trước từ ngày',
      agency: common.agencyProblem,
    },
  },
} as const;
