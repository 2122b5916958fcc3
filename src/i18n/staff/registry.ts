/** The public list's back office (/can-bo/danh-sach): entries, import, export. */
import { vi } from '../vi.ts';
import { common } from './common.ts';

export const registry = {
  /** The list's title (the tab, the links back to it). */
  listTitle: 'Danh sách chưa có điều kiện thi hành',
  backToList: '← Danh sách chưa có điều kiện thi hành',
  listHeading: 'Danh sách người phải thi hành án chưa có điều kiện thi hành',
  removedNotice: 'Đã rút khỏi danh sách. Người này không còn hiển thị trên trang công khai.',
  scopeAll: 'tất cả các cơ quan',
  scopeAgency: (agency: string) => `${agency} và các phòng thi hành án khu vực trực thuộc`,
  listLead: (scope: string) =>
    `Danh sách công khai của ${scope}. Công khai trong 5 ngày làm việc kể từ khi có quyết định; sửa đổi, rút tên trong 3 ngày làm việc.`,
  addLink: 'Thêm',
  importLink: 'Nhập CSV',
  exportLink: 'Xuất CSV',
  searchLabel: 'Tìm theo họ tên, địa chỉ hoặc số bản án, quyết định',
  searchHint: 'Gõ có dấu hoặc không dấu, ví dụ: nguyen van hung.',
  includeRemoved: 'Gồm cả người đã rút khỏi danh sách',
  search: 'Tìm kiếm',
  noMatch: 'Không tìm thấy ai khớp với nội dung tìm kiếm.',
  emptyList: 'Chưa có ai trong danh sách.',
  listCaption: 'Người phải thi hành án chưa có điều kiện thi hành, mới nhất trước',
  columns: {
    name: 'Họ và tên',
    address: 'Địa chỉ',
    judgment: 'Bản án, quyết định',
    decision: 'Quyết định thi hành án',
    agency: 'Cơ quan',
    reason: 'Lý do',
    verified: 'Xác minh',
    state: 'Trạng thái',
  },
  /** The state column of a removed entry: the date and the short form of the removal's ground. */
  removedShort: (date: string, ground: string) => `Đã rút ${date} (${ground})`,
  published: 'Đang công khai',
  pagination: 'Phân trang',
  firstPage: 'Về trang đầu',
  nextPage: 'Trang sau',

  // Adding an entry
  addTitle: 'Thêm người vào danh sách',
  addLead:
    'Thông tin được công khai trên Cổng ngay sau khi lưu (Thông tư 04/2023/TT-BTP, Điều 4): họ tên, địa chỉ, bản án, quyết định thi hành án, nghĩa vụ chưa thi hành và lý do. Mọi thay đổi được ghi vào nhật ký hệ thống.',
  addSubmit: 'Lưu và công khai',
  /** The form could not be read at all (nothing was saved). */
  saveFailed: common.saveFailed,

  // One entry
  added: 'Đã thêm vào danh sách và công khai.',
  saved: 'Đã lưu thay đổi.',
  viewPublic: 'Xem trên trang công khai',
  summary: {
    agency: 'Cơ quan',
    reason: 'Lý do',
    published: 'Ngày công khai',
    verified: 'Xác minh gần nhất',
    state: 'Trạng thái',
  },
  removedOn: (date: string, ground: string) => `Đã rút khỏi danh sách ngày ${date}: ${ground}`,
  editHeading: 'Sửa thông tin',
  editLead: 'Thay đổi về họ tên, địa chỉ, nghĩa vụ hoặc điều kiện thi hành phải được công khai trong 3 ngày làm việc.',
  editSubmit: 'Lưu thay đổi',
  removeHeading: 'Rút khỏi danh sách',
  removeLead: 'Rút tên trong 3 ngày làm việc kể từ khi có căn cứ. Thông tin được giữ lại trong hệ thống nhưng không còn hiển thị công khai.',
  removeSubmit: 'Rút khỏi danh sách',

  // The entry form (Circular 04/2023/TT-BTP Art. 4(1))
  form: {
    debtorLegend: 'Người phải thi hành án',
    judgmentLegend: 'Bản án, quyết định được thi hành',
    decisionLegend: 'Quyết định thi hành án',
    obligationLegend: 'Nghĩa vụ và lý do',
    chooseAgency: common.chooseAgency,
    chooseReason: '— Chọn lý do —',
    addressHint: 'Địa chỉ ghi trong quyết định thi hành án (tối đa 300 ký tự). Không ghi số định danh, ngày sinh, số điện thoại.',
    judgmentNumberHint: 'Ví dụ 45/2023/DS-ST',
    decisionNumberHint: 'Ví dụ 120/QĐ-CTHADS',
    obligationHint: 'Nghĩa vụ theo bản án, quyết định, ví dụ: Trả nợ 150.000.000 đồng.',
  },

  /** The fields of an entry, by the service's (and the CSV's) column name. */
  fields: {
    debtor_name: 'Họ và tên người phải thi hành án',
    debtor_address: 'Địa chỉ',
    province_code: 'Tỉnh, thành phố',
    agency_code: 'Cơ quan thi hành án',
    judgment_number: 'Số bản án, quyết định',
    judgment_date: 'Ngày bản án, quyết định',
    judgment_court: 'Tòa án ra bản án, quyết định',
    decision_number: 'Số quyết định thi hành án',
    decision_date: 'Ngày quyết định thi hành án',
    obligation: 'Nghĩa vụ chưa thi hành',
    reason: 'Lý do chưa có điều kiện thi hành',
    reason_detail: 'Diễn giải lý do',
    verified_on: 'Ngày xác minh gần nhất',
    published_on: 'Ngày công khai',
    removed_on: 'Ngày rút khỏi danh sách',
    removal_reason: 'Căn cứ rút khỏi danh sách',
  } as Record<string, string>,
  /** Why a person has no means to enforce, by the service's code: the same words the public list shows. */
  reasons: vi.registry.reasons as Record<string, string>,
  /** The legal ground of a removal, by the service's code. */
  removals: {
    conditions_appeared: 'Đã có điều kiện thi hành (quyết định tiếp tục thi hành án)',
    enforced: 'Đã thi hành xong hoặc đình chỉ thi hành án',
    revoked: 'Quyết định về việc chưa có điều kiện thi hành bị hủy bỏ',
  } as Record<string, string>,

  // The CSV import
  importTitle: 'Nhập danh sách từ tệp CSV',
  backToImport: '← Nhập danh sách từ tệp CSV',
  checkHeading: 'Kiểm tra tệp',
  checkLead:
    'Bước 1: kiểm tra tệp (không ghi gì); trang kết quả cho thấy tiến độ khi tệp lớn đang được đọc. Bước 2: nếu tệp không có lỗi, bấm "Ghi vào danh sách" trên trang kết quả, không cần tải tệp lên lần nữa. Mọi dòng được ghi cùng một lúc: nếu có một dòng lỗi, không dòng nào được ghi.',
  fileLabel: 'Tệp CSV (UTF-8, tối đa 50 MB và 200.000 dòng)',
  fileHint: 'Trong Excel: Lưu thành → "CSV UTF-8 (Comma delimited)". Dòng đầu tiên là tên cột.',
  checkSubmit: 'Kiểm tra tệp',
  recentHeading: 'Các lần nhập gần đây',
  recentCaption: 'Các lần kiểm tra và ghi tệp gần đây của cơ quan',
  recentColumns: {
    file: 'Tệp',
    task: 'Việc',
    outcome: 'Kết quả',
    rows: 'Số dòng',
    by: 'Người thực hiện',
    when: 'Thời gian',
  },
  taskCheck: 'Kiểm tra',
  taskWrite: 'Ghi',
  recentRunning: 'Đang đọc tệp',
  recentFailed: 'Không hoàn thành',
  recentErrors: (n: string) => `${n} lỗi`,
  recentValid: 'Hợp lệ',
  recentWritten: (n: string) => `Đã ghi ${n} người`,
  recentNotWritten: (n: string) => `${n} lỗi, không ghi`,
  columnsHeading: 'Các cột của tệp',
  columnsLead: 'Tên cột viết đúng như dưới đây. Ngày viết dạng yyyy-mm-dd hoặc dd/mm/yyyy. Tệp xuất từ trang danh sách có đúng các cột này.',
  columnsCaption: 'Các cột của tệp CSV',
  columnsColumn: 'Cột',
  columnsContent: 'Nội dung',
  /** What follows a column's label in the table of columns, by column. */
  columnNotes: {
    reason: ': no_means (không có thu nhập, tài sản), item_gone (tài sản phải trả không còn), address_unknown (chưa xác định được địa chỉ)',
    province_code: ': mã tỉnh của cơ quan, ví dụ HNI',
    agency_code: ': mã cơ quan, ví dụ HNI hoặc HNI-KV1',
    reason_detail: ' (không bắt buộc)',
    published_on: ' (không bắt buộc); để trống là hôm nay',
  } as Record<string, string>,

  // An import job
  jobCheckTitle: (file: string) => `Kiểm tra tệp ${file}`,
  jobWriteTitle: (file: string) => `Ghi tệp ${file} vào danh sách`,
  writeFailed: 'Không ghi được. Hãy tải lại trang và thử lại.',
  fileHasErrors: (n: string) => `Tệp có ${n} lỗi: chưa ghi dòng nào vào danh sách`,
  checking: 'Đang kiểm tra tệp',
  writing: 'Đang ghi vào danh sách',
  progressLabel: 'Đã đọc',
  progressText: (rows: string, percent: number | string) => `${rows} dòng (${percent} %)`,
  progressPercent: (percent: number) => `${percent} %`,
  progressAuto: 'Trang tự cập nhật khi trình duyệt bật JavaScript.',
  progressRefresh: 'Cập nhật tiến độ',
  interrupted: 'Việc đọc tệp bị dừng giữa chừng (máy chủ khởi động lại). Không dòng nào được ghi. Hãy tải tệp lên lại.',
  failed: 'Có lỗi khi đọc tệp. Không dòng nào được ghi. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống.',
  written: (n: string) => `Đã ghi ${n} người vào danh sách và công khai.`,
  viewList: 'Xem danh sách',
  checkResult: 'Kết quả kiểm tra',
  writeResult: 'Kết quả ghi',
  rowsRead: 'Số dòng đã đọc',
  rowsValid: 'Dòng hợp lệ',
  errorCount: 'Số lỗi',
  writtenLabel: 'Đã ghi vào danh sách',
  writtenPeople: (n: string) => `${n} người`,
  nothingWritten: 'Chưa ghi dòng nào',
  fileValid: 'Tệp hợp lệ.',
  fixRows: 'Sửa các dòng dưới đây trong tệp rồi kiểm tra lại. Tệp chỉ được ghi khi không còn lỗi nào: nếu có lỗi, không dòng nào được ghi.',
  firstErrorsOnly: (n: string) => ` Chỉ hiển thị ${n} lỗi đầu tiên.`,
  errorsCaption: 'Các lỗi trong tệp, theo số dòng',
  errorColumns: { line: 'Dòng', column: 'Cột', problem: 'Lỗi' },
  writeHeading: 'Ghi vào danh sách',
  writeLead: (n: string) => `Ghi ${n} người của tệp đã kiểm tra này vào danh sách công khai. Mọi dòng được ghi cùng một lúc.`,
  writeSubmit: 'Ghi vào danh sách',
  committedLead: 'Tệp này đã được ghi:',
  committedLink: 'xem kết quả ghi',
  checkedLink: 'Xem kết quả kiểm tra tệp này',
  importAnother: 'Nhập tệp khác',

  /** Problems, by the code the service or action gives now. */
  problems: {
    /** A refusal that is not about one field, by the service's code. */
    refusal: {
      forbidden: 'Bạn chỉ được cập nhật danh sách của cơ quan mình và các phòng thi hành án khu vực trực thuộc.',
      not_found: 'Không tìm thấy người này trong danh sách.',
      removed: 'Người này đã được rút khỏi danh sách; không thể sửa hoặc rút lại.',
    } as Record<string, string>,
    /** A field's problem, by the service's code; `label` is the field's. */
    field: {
      required: (l: string) => `Nhập ${l.toLowerCase()}`,
      too_long: (l: string) => `${l} quá dài`,
      too_short: (l: string) => `${l} quá ngắn`,
      encoding: (l: string) => `${l} có ký tự lỗi mã hóa: hãy lưu tệp dạng CSV UTF-8`,
      date: (l: string) => `${l} phải là một ngày có thật, dạng yyyy-mm-dd hoặc dd/mm/yyyy`,
      future: (l: string) => `${l} không được sau ngày hôm nay`,
      before_judgment: () => 'Ngày quyết định thi hành án không được trước ngày bản án, quyết định',
      before_decision: () => 'Ngày rút khỏi danh sách không được trước ngày quyết định thi hành án',
      reason: (l: string) => `${l} không hợp lệ: chọn một giá trị trong danh sách`,
      unknown: (l: string) => `${l}: mã không tồn tại`,
      scope: () => 'Bạn chỉ được cập nhật danh sách của cơ quan mình và các phòng thi hành án khu vực trực thuộc',
      mismatch: () => 'Tỉnh, thành phố không khớp với tỉnh, thành phố của cơ quan thi hành án',
    } as Record<string, (label: string) => string>,
    /** A required choice left empty, by field (instead of "Nhập …"). */
    requiredChoice: {
      removal_reason: 'Chọn căn cứ rút khỏi danh sách',
      reason: 'Chọn lý do chưa có điều kiện thi hành',
      agency_code: 'Chọn cơ quan thi hành án',
    } as Record<string, string>,
    fieldInvalid: common.invalidValue,
    /** The upload's problems, by the import action's code ('file', 'type'; another code: the account may not). */
    upload: {
      too_large: 'Tệp lớn hơn 50 MB: hãy chia thành nhiều tệp.',
      unreadable: 'Không đọc được tệp. Hãy tải lại trang và thử lại.',
      file: 'Chọn tệp CSV cần nhập',
      type: 'Tệp phải có đuôi .csv',
      other: 'Tài khoản của bạn không được cập nhật danh sách',
    },
    /** Why a checked file cannot be written, by the commit's code; another code: the account may not. */
    commit: {
      file_gone: 'Tệp đã kiểm tra không còn lưu (quá 24 giờ): hãy tải tệp lên và kiểm tra lại.',
      not_clean: 'Chỉ ghi được tệp đã kiểm tra và không có lỗi.',
      not_found: 'Không tìm thấy lần kiểm tra này.',
    } as Record<string, string>,
    commitOther: 'Tài khoản của bạn không được cập nhật danh sách.',
    /** A file or row problem of an import, by the importer's code. */
    import: {
      duplicate_row: (other: string) => `Trùng với dòng ${other}: cùng người, cùng quyết định thi hành án`,
      listed: () => 'Người này đã có trong danh sách công khai theo cùng quyết định thi hành án',
      header: (field: string) => `Thiếu cột ${field}`,
      unknown_column: (field: string) => `Cột không được hỗ trợ: "${field}"`,
      duplicate_column: (field: string) => `Cột ${field} bị lặp lại`,
      csv: () => 'Dòng không đúng định dạng CSV (số cột khác dòng tiêu đề hoặc dấu ngoặc kép không đóng)',
      too_many_rows: () => 'Tệp có quá 200.000 dòng: hãy chia thành nhiều tệp',
      too_large: () => 'Tệp lớn hơn 50 MB: hãy chia thành nhiều tệp',
      empty: () => 'Tệp không có dòng dữ liệu nào',
    } as Record<string, (detail: string) => string>,
    rowInvalid: 'Dòng không hợp lệ',
  },

  // The export
  exportForbidden: 'Không có quyền',
};
