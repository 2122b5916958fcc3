import { maxLengthOf } from './parse.ts';
import type { FieldDef, Locale, Text } from './types.ts';

/** A message about one field, made from what the messages call its answer (its label, or `errors.subject`). */
type Template = { vi: (subject: string, field: FieldDef) => string; en: (subject: string, field: FieldDef) => string };

const count = (n: number, locale: Locale) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');

// Problems any field can have, worded GOV.UK style around the field's own subject ("Họ và tên phải có tối đa 100 ký
// tự"), so the same sentence serves under the field and, alone, in the error summary.
const templates = {
  too_long: {
    vi: (s, f) => `${s} phải có tối đa ${count(maxLengthOf(f), 'vi')} ký tự`,
    en: (s, f) => `${s} must be ${count(maxLengthOf(f), 'en')} characters or fewer`,
  },
  invalid: {
    vi: (s) => `${s} không hợp lệ — hãy nhập lại`,
    en: (s) => `${s} is not valid — enter it again`,
  },
  characters: {
    vi: (s) => `${s} có ký tự không được phép — hãy xóa và gõ lại`,
    en: (s) => `${s} contains characters that are not allowed — delete them and type it again`,
  },
  option: {
    vi: (s) => `${s} phải là một trong các phương án có sẵn`,
    en: (s) => `${s} must be one of the options listed`,
  },
  date: {
    vi: (s) => `${s} phải là một ngày có thật`,
    en: (s) => `${s} must be a real date`,
  },
  date_future: {
    vi: (s) => `${s} phải là hôm nay hoặc một ngày đã qua`,
    en: (s) => `${s} must be today or in the past`,
  },
  money: {
    vi: (s) => `${s} phải là số tiền tính bằng đồng, chỉ gồm chữ số, ví dụ 1.500.000`,
    en: (s) => `${s} must be an amount in đồng, in figures only, like 1.500.000`,
  },
} satisfies Record<string, Template>;

// Problems that belong to one kind of field or one cross-field rule: each already names what is wrong.
const messages = {
  email: {
    vi: 'Nhập địa chỉ thư điện tử đúng định dạng, ví dụ ten@example.com',
    en: 'Enter an email address in the correct format, like name@example.com',
  },
  phone: {
    vi: 'Nhập số điện thoại di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678',
    en: 'Enter a Vietnamese mobile number of 10 digits, like 0912 345 678',
  },
  'cccd.format': { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số', en: 'Your personal ID number must be exactly 12 digits' },
  'cccd.province': {
    vi: 'Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh, thành phố nơi đăng ký khai sinh — hãy kiểm tra lại',
    en: 'The first 3 digits of your personal ID number are not the code of a province of birth registration — check the number',
  },
  'cccd.century': {
    vi: 'Chữ số thứ tư của số định danh cá nhân (mã thế kỷ và giới tính) không hợp lệ — hãy kiểm tra lại',
    en: 'The 4th digit of your personal ID number (the century and sex code) is not valid — check the number',
  },
  'cccd.birth_year': {
    vi: 'Chữ số thứ năm và thứ sáu của số định danh cá nhân không khớp với năm sinh — hãy kiểm tra lại số này và ngày sinh',
    en: 'Digits 5 and 6 of your personal ID number do not match your year of birth — check the number and your date of birth',
  },
  limitation_reason: {
    vi: 'Bản án, quyết định đã có hiệu lực pháp luật hơn 5 năm — nêu lý do yêu cầu thi hành án sau thời hạn này',
    en: 'The judgment took legal effect more than 5 years ago — explain why you are asking for enforcement after this period',
  },
  effective_before_judgment: {
    vi: 'Ngày có hiệu lực pháp luật phải trùng hoặc sau ngày ra bản án, quyết định',
    en: 'The date the judgment or decision took legal effect must be the same as or after the date it was made',
  },
  learned_before_act: {
    vi: 'Ngày bạn biết được quyết định, hành vi phải trùng hoặc sau ngày ra quyết định, ngày xảy ra hành vi',
    en: 'The date you learned of the decision or act must be the same as or after the date of the decision or act',
  },
  dossier_code: {
    vi: 'Mã hồ sơ không đúng — kiểm tra lại mã trên giấy biên nhận, ví dụ 79-261102-Y58A6J',
    en: 'The dossier code is not right — check the code on your receipt, for example 79-261102-Y58A6J',
  },
  amount_paid_too_high: {
    vi: 'Số tiền đã nộp không thể lớn hơn tổng chi phí cưỡng chế phải nộp',
    en: 'The amount already paid cannot be more than the total coercion costs due',
  },
  // Attachments (checked by their bytes, see src/server/dossiers/files.ts).
  'file.empty': { vi: 'Tệp đã chọn trống — hãy chọn lại', en: 'The selected file is empty — choose it again' },
  'file.too_large': { vi: 'Tệp phải nhỏ hơn 10 MB', en: 'The file must be smaller than 10 MB' },
  'file.type': { vi: 'Tệp phải là PDF, JPG hoặc PNG', en: 'The file must be a PDF, JPG or PNG' },
  'file.too_many': { vi: 'Chỉ được đính kèm tối đa 5 tệp', en: 'You can attach up to 5 files' },
  'file.body_too_large': {
    vi: 'Các tệp gửi cùng lúc quá lớn — mỗi tệp phải nhỏ hơn 10 MB, tối đa 5 tệp',
    en: 'The files sent together are too large — each must be smaller than 10 MB, 5 files at most',
  },
  document_missing: { vi: 'Hãy đính kèm giấy tờ này', en: 'Attach this document' },
  agency_unknown: { vi: 'Hãy chọn một cơ quan thi hành án trong danh sách', en: 'Choose an enforcement agency from the list' },
} satisfies Record<string, Text>;

type TemplateKey = keyof typeof templates;
type MessageKey = keyof typeof messages;

/** Every error key the catalog's schemas and the application service can report. */
export type ErrorKey = 'required' | TemplateKey | MessageKey;

/** Every error key: schemas report keys, never sentences, so one list serves both languages. */
export const errorKeys: readonly ErrorKey[] = ['required', ...(Object.keys(templates) as TemplateKey[]), ...(Object.keys(messages) as MessageKey[])];

/** Whether a string (e.g. a zod issue's message) is one of our error keys. */
export function isErrorKey(key: string): key is ErrorKey {
  return (errorKeys as readonly string[]).includes(key);
}

const invalidValue: Text = { vi: 'Giá trị gửi lên không hợp lệ — hãy nhập lại', en: 'The value sent is not valid — enter it again' };

/**
 * The message for an error key that does not name a form field (an upload, a whole form); any other key falls back
 * to a generic "not valid" rather than leaking the key.
 */
export function errorText(key: string, locale: Locale): string {
  return (Object.hasOwn(messages, key) ? messages[key as MessageKey] : invalidValue)[locale];
}

/** A required field's "missing" message; the catalog cannot load without one (buildSchema checks). */
export function requiredMessage(field: FieldDef): Text {
  const text = field.errors?.required;
  if (!text) throw new Error(`Field "${field.name}" is required but has no errors.required message`);
  return text;
}

/**
 * The message for an error of one field, GOV.UK style: it names the answer and says how to put it right, so it is
 * shown as it is both under the field and in the error summary ("Nhập họ và tên"; "Họ và tên phải có tối đa 100 ký
 * tự"). A choice that is not among the options (a stale or forged post) repeats the field's "choose" message.
 */
export function fieldErrorText(field: FieldDef, key: string, locale: Locale): string {
  const choice = field.kind === 'radios' || field.kind === 'checkboxes' || field.kind === 'select' || field.kind === 'agency';
  if (key === 'required' || (choice && (key === 'option' || key === 'invalid') && field.errors?.required)) {
    return requiredMessage(field)[locale];
  }
  if (Object.hasOwn(templates, key)) {
    const subject = (field.errors?.subject ?? field.label)[locale];
    return templates[key as TemplateKey][locale](subject, field);
  }
  return errorText(key, locale);
}
