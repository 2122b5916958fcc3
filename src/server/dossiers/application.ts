/**
 * The citizen's application form, posted: files checked by their bytes and kept with the draft, answers validated
 * by the catalog schema, required documents checked. Plain TypeScript so it is tested without a browser.
 */
import type { Kysely } from 'kysely';
import type { ErrorKey } from '../catalog/errors.ts';
import type { Locale, Procedure } from '../catalog/types.ts';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam } from '../calendar.ts';
import type { Database } from '../schema.ts';
import { addDraftAttachment, createDraft, getDraft, removeDraftAttachment, saveDraftAnswers, type Draft, type RawValues } from './drafts.ts';
import { checkUpload, FILE_LIMITS } from './files.ts';
import { isRowId } from '../row-id.ts';
import { agencyByCode } from '../agencies.ts';

export interface FieldError {
  /** A form field name, or `file_<documentId>` for an upload. */
  field: string;
  key: ErrorKey;
}

export interface ApplicationResult {
  draft: Draft;
  /** True when the answers are valid and every required document is attached: go on to check the answers. */
  complete: boolean;
  errors: FieldError[];
}

/** The documents a citizen uploads for a procedure: all but the application itself, which is the online form. */
export function uploadableDocuments(procedure: Procedure) {
  return procedure.documents.filter((d) => d.id !== 'application');
}

/** The name of the file input of a document. */
export function fileFieldName(documentId: string): string {
  return `file_${documentId}`;
}

/** NUL cannot be stored in jsonb (and is refused by validation anyway); the rest is kept as typed, for the form. */
const storable = (v: string) => v.replaceAll('\u0000', '').slice(0, 20_000);

/** What was typed, for every field of the procedure (several values for checkboxes). */
export function rawValues(procedure: Procedure, form: FormData): RawValues {
  const values: RawValues = {};
  for (const field of procedure.fields) {
    if (field.kind === 'checkboxes') {
      values[field.name] = form.getAll(field.name).filter((v): v is string => typeof v === 'string').slice(0, 50).map(storable);
    } else {
      const v = form.get(field.name);
      if (typeof v === 'string') values[field.name] = storable(v);
    }
  }
  return values;
}

/** The draft to continue: the one named by the cookie if it is this procedure's and not yet submitted, else a new one. */
export async function openDraft(db: Kysely<Database>, procedure: Procedure, locale: Locale, draftId: string | undefined): Promise<Draft> {
  const existing = draftId ? await getDraft(db, draftId) : undefined;
  if (existing && existing.procedureCode === procedure.code && existing.dossierId === null) return existing;
  // A new draft is known without reading it back: nothing is in it yet.
  const id = await createDraft(db, procedure.code, locale);
  return { id, procedureCode: procedure.code, locale, values: {}, answers: null, dossierId: null, pin: null, attachments: [] };
}

/** Stores valid uploads with the draft; reports the others on their input. */
async function takeUploads(db: Kysely<Database>, procedure: Procedure, draft: Draft, form: FormData, errors: FieldError[]) {
  let count = draft.attachments.length;
  for (const doc of uploadableDocuments(procedure)) {
    const name = fileFieldName(doc.id);
    for (const entry of form.getAll(name)) {
      // A file input left empty posts a nameless, empty file: nothing was chosen.
      if (typeof entry === 'string' || (entry.size === 0 && entry.name === '')) continue;
      if (count >= FILE_LIMITS.maxFiles) {
        errors.push({ field: name, key: 'file.too_many' });
        break;
      }
      // Refuse by size before reading the bytes into a second buffer.
      if (entry.size > FILE_LIMITS.maxBytes) {
        errors.push({ field: name, key: 'file.too_large' });
        continue;
      }
      const bytes = new Uint8Array(await entry.arrayBuffer());
      const check = checkUpload({ name: entry.name, bytes });
      if (!check.ok) {
        errors.push({ field: name, key: check.reason === 'empty' ? 'file.empty' : check.reason === 'too_large' ? 'file.too_large' : 'file.type' });
        continue;
      }
      await addDraftAttachment(db, draft.id, {
        document_id: doc.id,
        file_name: check.fileName,
        content_type: check.contentType,
        size_bytes: check.size,
        sha256: check.sha256,
        content: bytes,
        active_content: check.activeContent,
      });
      count++;
    }
  }
}

/**
 * Handles a post of the application form. `removeAttachment` (from a "Remove" button) only removes that upload.
 * Errors are keys of the catalog's error messages, in the order of the form.
 */
export async function processApplication(
  db: Kysely<Database>,
  input: {
    procedure: Procedure;
    locale: Locale;
    draftId: string | undefined;
    form: FormData;
    now?: Date;
    /** Links the server vouches for (a second complaint's first), kept with the answers; never read from the form. */
    link?: Record<string, string>;
  },
): Promise<ApplicationResult> {
  // One transaction: a post is saved whole or not at all, so a server killed halfway leaves no upload stored with
  // a draft whose answers were not (the citizen's next post would store that file a second time).
  return db.transaction().execute((trx) => saveApplicationPost(trx, input));
}

async function saveApplicationPost(db: Kysely<Database>, input: Parameters<typeof processApplication>[1]): Promise<ApplicationResult> {
  const { procedure, locale, form } = input;
  let draft = await openDraft(db, procedure, locale, input.draftId);
  const values: RawValues = { ...rawValues(procedure, form), ...input.link };

  const remove = form.get('removeAttachment');
  // A remove button names one attachment of this draft; anything else in the field is ignored.
  if (isRowId(remove)) {
    await removeDraftAttachment(db, draft.id, Number(remove));
    await saveDraftAnswers(db, draft.id, values, null);
    return { draft: (await getDraft(db, draft.id))!, complete: false, errors: [] };
  }

  const fileErrors: FieldError[] = [];
  await takeUploads(db, procedure, draft, form, fileErrors);

  const parsed = procedure.schema.safeParse(form);
  const fieldErrors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), key: issue.message as ErrorKey }));
  const answers = parsed.success ? parsed.data : null;

  for (const field of procedure.fields) {
    const code = answers?.[field.name];
    if (field.kind !== 'agency' || typeof code !== 'string') continue;
    if (!(await agencyByCode(db, code))) fieldErrors.push({ field: field.name, key: 'agency_unknown' });
  }

  draft = (await getDraft(db, draft.id))!;
  const missing: FieldError[] = uploadableDocuments(procedure)
    .filter((doc) => doc.required && !draft.attachments.some((a) => a.documentId === doc.id))
    .filter((doc) => !fileErrors.some((e) => e.field === fileFieldName(doc.id)))
    .map((doc) => ({ field: fileFieldName(doc.id), key: 'document_missing' }));

  const order = [...procedure.fields.map((f) => f.name), ...uploadableDocuments(procedure).map((d) => fileFieldName(d.id))];
  const errors = [...fieldErrors, ...fileErrors, ...missing].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  const complete = errors.length === 0;
  if (complete && answers && procedure.derive) {
    Object.assign(answers, procedure.derive(answers, { calendar: await loadCalendar(db), today: todayInVietnam(input.now) }));
  }
  if (complete && answers) Object.assign(answers, input.link);
  await saveDraftAnswers(db, draft.id, values, complete ? answers : null);
  return { draft: { ...draft, values, answers: complete ? answers : null }, complete, errors };
}
