import type { Locale, Text } from './types.ts';

// The messages, checked to be Texts while keeping their keys as a type.
const messages = {
  required: { vi: 'Hãy nhập hoặc chọn câu trả lời', en: 'Enter or choose an answer' },
  tooLong: { vi: 'Quá dài — hãy viết ngắn gọn hơn', en: 'Too long — shorten your answer' },
  invalid: { vi: 'Giá trị gửi lên không hợp lệ — hãy nhập lại', en: 'The value sent is not valid — enter it again' },
  characters: {
    vi: 'Có ký tự không được phép — hãy xóa và gõ lại',
    en: 'Contains characters that are not allowed — delete them and type it again',
  },
  option: { vi: 'Hãy chọn một trong các phương án có sẵn', en: 'Choose one of the options listed' },
  date: { vi: 'Phải là một ngày có thật', en: 'Must be a real date' },
  dateFuture: { vi: 'Phải là hôm nay hoặc một ngày đã qua', en: 'Must be today or in the past' },
  money: {
    vi: 'Phải là số tiền tính bằng đồng, chỉ gồm chữ số, ví dụ 1.500.000',
    en: 'Must be an amount in đồng, in figures only, like 1.500.000',
  },
  email: {
    vi: 'Nhập địa chỉ thư điện tử đúng định dạng, ví dụ ten@example.com',
    en: 'Enter an email address in the correct format, like name@example.com',
  },
  phone: {
    vi: 'Nhập số điện thoại di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678',
    en: 'Enter a Vietnamese mobile number of 10 digits, like 0912 345 678',
  },
  'cccd.format': { vi: 'Phải gồm đúng 12 chữ số', en: 'Must be exactly 12 digits' },
  'cccd.province': {
    vi: 'Ba chữ số đầu không phải mã tỉnh, thành phố nơi đăng ký khai sinh — hãy kiểm tra lại',
    en: 'The first 3 digits are not the code of a province of birth registration — check the number',
  },
  'cccd.century': {
    vi: 'Chữ số thứ tư (mã thế kỷ và giới tính) không hợp lệ — hãy kiểm tra lại',
    en: 'The 4th digit (the century and sex code) is not valid — check the number',
  },
  'cccd.birthYear': {
    vi: 'Chữ số thứ năm và thứ sáu không khớp với năm sinh — hãy kiểm tra lại số này và ngày sinh',
    en: 'Digits 5 and 6 do not match the year of birth — check this number and the date of birth',
  },
  limitationReason: {
    vi: 'Bản án, quyết định đã có hiệu lực pháp luật hơn 5 năm — hãy nêu lý do yêu cầu thi hành án sau thời hạn này',
    en: 'The judgment took legal effect more than 5 years ago — explain why enforcement is requested after this period',
  },
  effectiveBeforeJudgment: {
    vi: 'Không thể trước ngày ra bản án, quyết định',
    en: 'Cannot be before the date of the judgment or decision',
  },
  learnedBeforeAct: {
    vi: 'Không thể trước ngày ra quyết định hoặc ngày xảy ra hành vi bị khiếu nại',
    en: 'Cannot be before the date of the decision or act complained about',
  },
  amountPaidTooHigh: {
    vi: 'Không thể lớn hơn tổng chi phí cưỡng chế phải nộp',
    en: 'Cannot be more than the total coercion costs due',
  },
  // Attachments (checked by their bytes, see src/server/dossiers/files.ts).
  'file.empty': { vi: 'Tệp đã chọn trống — hãy chọn lại', en: 'The selected file is empty — choose it again' },
  'file.tooLarge': { vi: 'Tệp phải nhỏ hơn 10 MB', en: 'The file must be smaller than 10 MB' },
  'file.type': { vi: 'Tệp phải là PDF, JPG hoặc PNG', en: 'The file must be a PDF, JPG or PNG' },
  'file.tooMany': { vi: 'Chỉ được đính kèm tối đa 5 tệp', en: 'You can attach up to 5 files' },
  'file.bodyTooLarge': {
    vi: 'Các tệp gửi cùng lúc quá lớn — mỗi tệp phải nhỏ hơn 10 MB, tối đa 5 tệp',
    en: 'The files sent together are too large — each must be smaller than 10 MB, 5 files at most',
  },
  documentMissing: { vi: 'Hãy đính kèm giấy tờ này', en: 'Attach this document' },
  agencyUnknown: { vi: 'Hãy chọn một cơ quan thi hành án trong danh sách', en: 'Choose an enforcement agency from the list' },
} satisfies Record<string, Text>;

export type ErrorKey = keyof typeof messages;

/**
 * Every error key the catalog's schemas can produce, with its message in both languages.
 *
 * Schemas report keys, never sentences, so one list serves both languages. The UI shows "<field label>: <message>"
 * in the error summary and the message alone under the field, so each message reads as a sentence on its own and
 * still makes sense after a label ("Ngày sinh: Phải là một ngày có thật").
 */
export const errorMessages: Readonly<Record<ErrorKey, Text>> = messages;

/** Whether a string (e.g. a zod issue's message) is one of our error keys. */
export function isErrorKey(key: string): key is ErrorKey {
  return Object.hasOwn(errorMessages, key);
}

/** The message for an error key; an unknown key falls back to the generic `invalid` message rather than leaking it. */
export function errorText(key: string, locale: Locale): string {
  return (isErrorKey(key) ? errorMessages[key] : errorMessages.invalid)[locale];
}
