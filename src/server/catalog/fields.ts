/**
 * Field definitions shared by several procedures, and `buildSchema`, which turns an ordered list of fields into the
 * zod schema that validates a submitted form.
 */
import { z } from 'zod';
import { checkCccd } from '../validation/cccd.ts';
import { requiredMessage, type ErrorKey } from './errors.ts';
import { normaliseText, parseField } from './parse.ts';
import type { Condition, FieldDef, FieldOption, Locale, Text } from './types.ts';

export { optionsFor } from './parse.ts';

// ---------------------------------------------------------------------------------------------------------------
// Sections and fields
// ---------------------------------------------------------------------------------------------------------------

/** Sections used by several procedures. */
export const sections = {
  applicant: { id: 'applicant', title: { vi: 'Thông tin người nộp đơn', en: 'About you' } },
  agency: { id: 'agency', title: { vi: 'Nơi nhận hồ sơ', en: 'Where to send your application' } },
  case: {
    id: 'case',
    title: { vi: 'Vụ việc thi hành án', en: 'The enforcement case' },
  },
} satisfies Record<string, { id: string; title: Text }>;

/** The applicant's role in the judgment; each procedure offers the roles that may file it. */
export const roleOptions = {
  creditor: { value: 'creditor', label: { vi: 'Người được thi hành án', en: 'The judgment creditor (the party owed)' } },
  debtor: { value: 'debtor', label: { vi: 'Người phải thi hành án', en: 'The judgment debtor (the party who owes)' } },
  related: {
    value: 'related',
    label: { vi: 'Người có quyền lợi, nghĩa vụ liên quan', en: 'A person with related rights and obligations' },
  },
  relative: { value: 'relative', label: { vi: 'Người thân của đương sự', en: 'A relative of one of the parties' } },
  representative: {
    value: 'representative',
    label: { vi: 'Người đại diện của đương sự', en: 'A representative of one of the parties' },
  },
} satisfies Record<string, FieldOption>;

export type Role = keyof typeof roleOptions;

/** Field name of the applicant's date of birth; the personal ID number is checked against it. */
export const DATE_OF_BIRTH = 'dateOfBirth';

/** The applicant's identity and contact details, in the order the form asks for them. */
export function identityFields(): FieldDef[] {
  const section = sections.applicant.id;
  return [
    { name: 'fullName', kind: 'text', section, required: true, autocomplete: 'name', maxLength: 100,
      label: { vi: 'Họ và tên', en: 'Full name' },
      errors: { required: { vi: 'Nhập họ và tên', en: 'Enter your full name' } } },
    { name: 'cccd', kind: 'cccd', section, required: true, autocomplete: 'off',
      label: { vi: 'Số định danh cá nhân (số CCCD)', en: 'Personal ID number (CCCD number)' },
      hint: { vi: '12 chữ số in trên thẻ căn cước hoặc căn cước công dân', en: 'The 12 digits on your citizen identity card' },
      errors: {
        required: { vi: 'Nhập số định danh cá nhân (số CCCD)', en: 'Enter your personal ID number (CCCD number)' },
        subject: { vi: 'Số định danh cá nhân', en: 'Your personal ID number' },
      } },
    { name: DATE_OF_BIRTH, kind: 'date', section, required: true, autocomplete: 'bday',
      label: { vi: 'Ngày sinh', en: 'Date of birth' },
      errors: { required: { vi: 'Nhập ngày sinh', en: 'Enter your date of birth' } } },
    { name: 'address', kind: 'text', section, required: true, autocomplete: 'street-address', maxLength: 300,
      label: { vi: 'Địa chỉ liên hệ', en: 'Contact address' },
      hint: { vi: 'Số nhà, đường, xã/phường, tỉnh/thành phố', en: 'House number, street, commune or ward, province or city' },
      errors: { required: { vi: 'Nhập địa chỉ liên hệ', en: 'Enter your contact address' } } },
    { name: 'phone', kind: 'tel', section, required: true, autocomplete: 'tel',
      label: { vi: 'Số điện thoại di động', en: 'Mobile phone number' },
      hint: { vi: 'Để cơ quan thi hành án liên hệ với bạn về hồ sơ', en: 'So the enforcement agency can contact you about your application' },
      errors: { required: { vi: 'Nhập số điện thoại di động', en: 'Enter your mobile phone number' } } },
    { name: 'email', kind: 'email', section, required: false, autocomplete: 'email',
      label: { vi: 'Địa chỉ thư điện tử', en: 'Email address' },
      hint: { vi: 'Chúng tôi gửi giấy tiếp nhận và thông báo tiến độ qua thư điện tử', en: 'We will send your receipt and progress updates by email' } },
  ];
}

/**
 * The applicant's identity and contact details, their role in the judgment (only the roles the procedure accepts),
 * and, for a representative, whom they act for.
 */
export function applicantFields(roles: Role[]): FieldDef[] {
  const section = sections.applicant.id;
  const fields: FieldDef[] = [
    ...identityFields(),
    { name: 'applicantRole', kind: 'radios', section, required: true,
      label: { vi: 'Tư cách của bạn trong vụ việc', en: 'Your role in the case' },
      options: roles.map((r) => roleOptions[r]),
      errors: { required: { vi: 'Chọn tư cách của bạn trong vụ việc', en: 'Select your role in the case' } } },
  ];
  if (roles.includes('representative')) {
    fields.push({ name: 'representedName', kind: 'text', section, required: true, maxLength: 200,
      label: { vi: 'Họ và tên người bạn đại diện', en: 'Full name of the person you represent' },
      hint: { vi: 'Đính kèm văn bản ủy quyền', en: 'Attach the written authorisation' },
      showIf: { field: 'applicantRole', equals: ['representative'] },
      errors: { required: { vi: 'Nhập họ và tên người bạn đại diện', en: 'Enter the full name of the person you represent' } } });
  }
  return fields;
}

/** The enforcement agency that receives the dossier; the value is an agency code, checked against the database later. */
export function agencyField(hint?: Text): FieldDef {
  return {
    name: 'agency', kind: 'agency', section: sections.agency.id, required: true,
    label: { vi: 'Cơ quan thi hành án dân sự nhận hồ sơ', en: 'Enforcement agency to receive your application' },
    hint: hint ?? {
      vi: 'Cơ quan đang thi hành vụ việc của bạn — tên cơ quan ghi trên Quyết định thi hành án',
      en: 'The agency handling your case — its name is on the enforcement decision',
    },
    errors: {
      required: { vi: 'Chọn cơ quan thi hành án dân sự nhận hồ sơ', en: 'Select the enforcement agency to receive your application' },
    },
  };
}

/** The enforcement decision (Quyết định thi hành án) a request is about. */
export function enforcementDecisionFields(required = true): FieldDef[] {
  const section = sections.case.id;
  return [
    { name: 'decisionNumber', kind: 'text', section, required, maxLength: 50,
      label: { vi: 'Số Quyết định thi hành án', en: 'Enforcement decision number' },
      hint: { vi: 'Ví dụ: 215/QĐ-THADS', en: 'For example: 215/QĐ-THADS' },
      errors: { required: { vi: 'Nhập số Quyết định thi hành án', en: 'Enter the enforcement decision number' } } },
    { name: 'decisionDate', kind: 'date', section, required,
      label: { vi: 'Ngày ra Quyết định thi hành án', en: 'Date of the enforcement decision' },
      errors: { required: { vi: 'Nhập ngày ra Quyết định thi hành án', en: 'Enter the date of the enforcement decision' } } },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Schema builder
// ---------------------------------------------------------------------------------------------------------------

/**
 * A cross-field check. `data` holds only the answers that passed their own field's checks (parsed: dates as
 * yyyy-mm-dd, money as numbers, checkboxes as arrays); report a problem with `report(fieldName, errorKey)`.
 */
export type CrossCheck = (data: Readonly<Record<string, unknown>>, report: (field: string, key: ErrorKey) => void) => void;

type FormRecord = Record<string, unknown>;

function isRecord(value: unknown): value is FormRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof FormData);
}

/** Whether a showIf condition holds for a raw or parsed answer (a string, or a list for checkboxes). */
function conditionHolds(answer: unknown, equals: string[]): boolean {
  const values = Array.isArray(answer) ? answer : [answer];
  return values.some((v) => typeof v === 'string' && equals.includes(normaliseText(v, false)));
}

/** Whether a field applies to these answers (raw or parsed): it has no condition, or its condition holds. */
export function fieldApplies(field: FieldDef, answers: Readonly<Record<string, unknown>>): boolean {
  return !field.showIf || conditionHolds(answers[field.showIf.field], field.showIf.equals);
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions in words
// ---------------------------------------------------------------------------------------------------------------

/** The condition shared by every field of a group (a section), if they all have the same one. */
export function sharedCondition(fields: readonly FieldDef[]): Condition | undefined {
  const first = fields[0]?.showIf;
  const same = (c: Condition | undefined) =>
    c !== undefined && first !== undefined && c.field === first.field && c.equals.join('\n') === first.equals.join('\n');
  return first && fields.every((f) => same(f.showIf)) ? first : undefined;
}

const quote = (s: string) => `“${s}”`;
const orWord: Text = { vi: 'hoặc', en: 'or' };

function alternatives(words: string[], or: string): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${or} ${words.at(-1)}`;
}

/**
 * When a conditional field (or a whole section of them) applies, in words made from the condition itself — the
 * controlling question's label and the labels of the answers that reveal it — so the no-script form, which shows
 * every field, says it where GOV.UK's conditional reveal would hide the field:
 * - `field`: "Chỉ trả lời nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “…”; nếu không, câu trả lời này không được lưu."
 * - `section`: the same for every question of a section.
 * - `notKept`: "Chỉ áp dụng nếu …", beside an answer the check page says was not kept.
 */
export function conditionText(fields: readonly FieldDef[], condition: Condition, form: 'field' | 'section' | 'notKept'): Text {
  const controller = fields.find((f) => f.name === condition.field);
  if (!controller) throw new Error(`Condition on unknown field "${condition.field}"`);
  const chosen = (locale: Locale) =>
    alternatives(
      condition.equals.map((v) => quote(controller.options?.find((o) => o.value === v)?.label[locale] ?? v)),
      orWord[locale],
    );
  const vi = `ở câu ${quote(controller.label.vi)} bạn chọn ${chosen('vi')}`;
  const en = `you chose ${chosen('en')} for ${quote(controller.label.en)}`;
  switch (form) {
    case 'field':
      return {
        vi: `Chỉ trả lời nếu ${vi}; nếu không, câu trả lời này không được lưu.`,
        en: `Only answer this if ${en}; otherwise your answer is not kept.`,
      };
    case 'section':
      return {
        vi: `Chỉ trả lời phần này nếu ${vi}; nếu không, các câu trả lời trong phần này không được lưu.`,
        en: `Only answer this part if ${en}; otherwise your answers to it are not kept.`,
      };
    case 'notKept':
      return { vi: `Chỉ áp dụng nếu ${vi}.`, en: `Applies only if ${en}.` };
  }
}

/**
 * Reads the fields' answers from FormData or a plain object, and drops the answers of conditional fields that are
 * hidden: a value left behind in a collapsed part of the form is neither validated nor stored.
 */
function readForm(fields: readonly FieldDef[], input: unknown): unknown {
  let form: FormRecord;
  if (input instanceof FormData) {
    form = {};
    for (const f of fields) {
      // Astro converts FormData itself only for a bare z.object; this schema is a pipe, so it gets the FormData.
      // Read every value of a checkbox group: several ticked boxes post several values under one name.
      form[f.name] = f.kind === 'checkboxes' ? input.getAll(f.name) : (input.get(f.name) ?? null);
    }
  } else if (isRecord(input)) {
    form = {};
    for (const f of fields) if (Object.hasOwn(input, f.name)) form[f.name] = input[f.name];
  } else {
    return input;
  }
  for (const f of fields) if (!fieldApplies(f, form)) delete form[f.name];
  return form;
}

/**
 * Builds the schema of a form from its fields: each value is parsed by `parseField` (trimmed, empty = missing,
 * required, length, kind-specific format, options in force today), then the object-level checks run — conditional
 * required fields, the personal ID number against the date of birth, and `refine`. Every issue's message is a key
 * of errors.ts (`ErrorKey`). Accepts FormData or a plain object; unknown keys are dropped, and so are empty answers.
 */
export function buildSchema(fields: readonly FieldDef[], refine?: CrossCheck): z.ZodType<FormRecord> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    // A catalog mistake, caught when the catalog loads rather than when a citizen leaves the field empty.
    if (field.required) requiredMessage(field);
    if (field.showIf) conditionText(fields, field.showIf, 'field');
    shape[field.name] = z
      .any()
      .optional()
      .transform((raw, ctx) => {
        const result = parseField(field, raw);
        if (result.error === undefined) return result.value;
        ctx.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      });
  }

  const object = z.object(shape, { error: 'invalid' }).superRefine(
    (parsed: FormRecord, ctx) => {
      // One message per field: a field that already failed its own check, or was reported once, is left alone.
      const reported = new Set<string>();
      const report = (field: string, key: ErrorKey) => {
        if (parsed[field] === z.NEVER || reported.has(field)) return;
        reported.add(field);
        ctx.addIssue({ code: 'custom', message: key, path: [field] });
      };
      // Answers that failed their own checks are left out, so cross-field checks see only sound values.
      const data: FormRecord = {};
      for (const [k, v] of Object.entries(parsed)) if (v !== undefined && v !== z.NEVER) data[k] = v;

      for (const f of fields) {
        if (f.required && f.showIf && parsed[f.name] === undefined && fieldApplies(f, data)) {
          report(f.name, 'required');
        }
      }
      const dob = data[DATE_OF_BIRTH];
      for (const f of fields) {
        const id = data[f.name];
        if (f.kind !== 'cccd' || typeof id !== 'string' || typeof dob !== 'string') continue;
        const check = checkCccd(id, dob);
        if (!check.ok && check.reason === 'birth_year') report(f.name, 'cccd.birth_year');
      }
      refine?.(data, report);
    },
    // Run even when some fields failed, so the error summary lists every problem at once.
    { when: (payload) => isRecord(payload.value) },
  );

  return z
    .preprocess((input) => readForm(fields, input), object)
    .transform((data) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
}
