import type { z } from 'zod';
import type { WorkingCalendar } from '../calendar.ts';

/** Every citizen-facing text exists in both languages; Vietnamese is authoritative. */
export type Locale = 'vi' | 'en';
export type Text = { vi: string; en: string };
/** ISO calendar date, yyyy-mm-dd, in Vietnam's time zone. */
export type DateISO = string;

/** Which dossier lifecycle a procedure uses (see DESIGN.md). */
export type LifecycleKind = 'one-stop' | 'complaint' | 'denunciation';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'date'
  | 'email'
  | 'tel'
  | 'cccd'
  | 'money'
  | 'select'
  | 'radios'
  | 'checkboxes'
  | 'agency';

export interface FieldOption {
  value: string;
  label: Text;
  /** Options that exist only under one legal regime (e.g. a ground removed on 1 July 2026). */
  from?: DateISO;
  until?: DateISO;
}

export interface FieldDef {
  name: string;
  kind: FieldKind;
  label: Text;
  hint?: Text;
  required: boolean;
  /** Groups fields under a heading on the form and the check-answers page. */
  section: string;
  options?: FieldOption[];
  /** HTML autocomplete token, for fields about the applicant. */
  autocomplete?: string;
  maxLength?: number;
  /**
   * Applies only when another field has one of these values: its answer is validated and kept only then. The form
   * shows every field (no script), so the hint says when it applies (`conditionText`), and the check page says what
   * was not kept.
   */
  showIf?: Condition;
  /** Error messages specific to this field, GOV.UK style (see errors.ts for the ones made from the label). */
  errors?: FieldErrors;
}

/** A field applies when the answer to `field` is one of `equals` (for checkboxes: any ticked box is). */
export interface Condition {
  field: string;
  equals: string[];
}

export interface FieldErrors {
  /**
   * The answer is missing: "Nhập họ và tên", "Chọn tư cách của bạn trong vụ việc" — what to do, naming the answer.
   * Every required field has one; buildSchema refuses a required field without it.
   */
  required?: Text;
  /**
   * What the other messages ("… phải có tối đa 100 ký tự") call the answer, when the label does not read well as
   * their subject or is not unique on the form ("Địa chỉ" of the debtor and of the creditor). Default: the label.
   */
  subject?: Text;
}

export interface DocumentRequirement {
  id: string;
  name: Text;
  required: boolean;
  /** When the document is needed only in some cases, say which. */
  when?: Text;
}

/**
 * Why a figure is not yet confirmed: which figure, and which official text could not be read. Shown next to the
 * figure it is attached to, and only there; a figure without one has been checked against a published text.
 */
export type Unconfirmed = Text;

export interface Citation {
  /** Short reference, e.g. "Điều 30 Luật THADS 2008". */
  ref: Text;
  /** The instrument's number, e.g. "26/2008/QH12". */
  instrument: string;
  unconfirmed?: Unconfirmed;
}

/** The legal rules of a procedure in force from a date; a dossier uses the set in force on the day it is received. */
export interface RuleSet {
  effectiveFrom: DateISO;
  timeLimit: { days: number; unit: 'working' | 'calendar'; countedFrom: Text; unconfirmed?: Unconfirmed };
  legalBasis: Citation[];
  note?: Text;
  /** The note states a figure (a time limit, an amount) not yet checked. */
  noteUnconfirmed?: Unconfirmed;
}

export interface Procedure {
  /** Stable internal code, used in dossier codes and the database. */
  code: string;
  slug: Text;
  kind: LifecycleKind;
  name: Text;
  summary: Text;
  whoMaySubmit: Text[];
  documents: DocumentRequirement[];
  fee: Text;
  result: Text;
  /**
   * Who signs the result. 'head': a decision of the head of the agency (Thủ trưởng) — the officer submits a draft
   * and the head approves it or sends it back. 'officer': the officer's own document, ready when recorded.
   */
  resultSignedBy: 'head' | 'officer';
  steps: Text[];
  /** Oldest first; never empty. */
  rules: RuleSet[];
  sections: { id: string; title: Text }[];
  fields: FieldDef[];
  /** Validates the whole form; each issue's message is an error key (errors.ts), shown with `fieldErrorText`. */
  schema: z.ZodType<Record<string, unknown>>;
  /**
   * Facts the server adds to valid answers before they are kept (a complaint's last day to complain and whether it
   * is late): computed on the day the form is saved, never typed by the citizen.
   */
  derive?: (answers: Readonly<Record<string, unknown>>, ctx: { calendar: WorkingCalendar; today: DateISO }) => Record<string, unknown>;
  /** A valid filled-in form, used by tests and the demo seed. */
  example: Record<string, unknown>;
}
