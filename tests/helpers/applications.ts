/**
 * Builders for application tests: a migrated and seeded database, FormData filled from a procedure's catalog example,
 * uploads with real file signatures, and a complete draft ready to submit.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { seedReferenceData } from '../../db/seed/index.ts';
import type { Locale, Procedure } from '../../src/server/catalog/types.ts';
import { fileFieldName, processApplication, uploadableDocuments } from '../../src/server/dossiers/application.ts';
import type { Draft } from '../../src/server/dossiers/drafts.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import type { Database } from '../../src/server/schema.ts';
import type { TestDatabase } from './databases.ts';

export const PUBLIC_URL = 'http://portal.test';

// Every submission hashes its PIN under the server key: these tests use a key of their own, never the checkout's
// $DATA_DIR/secret.key (a test file may still set SECRET_KEY itself; the key is read on first use).
process.env.SECRET_KEY ||= randomBytes(32).toString('base64');

/** Opens a fresh database of `target`, with every migration applied and the reference data (agencies, calendar). */
export async function openSeeded(target: TestDatabase) {
  const handle = await target.open();
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  return handle;
}

/**
 * Drops a database opened by `openSeeded`. On PostgreSQL, first closes the pool and waits for its connections to be
 * gone: pg-pool's end() resolves before the server has closed them, and `drop database … with (force)` would then
 * terminate them, which the closed pool's clients report as an uncaught "terminating connection" error.
 */
export async function closeAndDrop(handle: Awaited<ReturnType<typeof openSeeded>> | undefined): Promise<void> {
  await handle?.drop();
}

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A minimal PDF by its bytes (`%PDF-` … `%%EOF`); `label` makes each one's bytes (and hash) different. */
export function pdfBytes(label = 'test'): Uint8Array<ArrayBuffer> {
  return latin1(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${label}\ntrailer<<>>\n%%EOF\n`);
}

/** The PNG signature and the start of an IHDR chunk. */
export const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00,
]);

export const HTML_BYTES = latin1('<!doctype html><html><body><script>alert(1)</script></body></html>\n');

/** A File as a browser posts it: the name and Content-Type are whatever the uploader says. */
export function fileOf(bytes: Uint8Array<ArrayBuffer>, name: string, type = 'application/pdf'): File {
  return new File([bytes], name, { type });
}

export function pdfFile(name = 'tai-lieu.pdf', label = name): File {
  return fileOf(pdfBytes(label), name);
}

/** A value as an HTML form would post it: strings, one entry per ticked checkbox, files as they are. */
function appendValue(form: FormData, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) appendValue(form, name, v);
  } else if (value instanceof Blob) {
    form.append(name, value);
  } else {
    form.append(name, String(value));
  }
}

/**
 * The form of `procedure` filled in from its catalog example, with `overrides` (a value of `undefined` leaves the
 * field out, as an unanswered input) and `files` (by document id, posted as `file_<documentId>`).
 */
export function exampleForm(
  procedure: Procedure,
  overrides: Record<string, unknown> = {},
  files: Record<string, File | File[]> = {},
): FormData {
  const form = new FormData();
  for (const field of procedure.fields) {
    const value = Object.hasOwn(overrides, field.name) ? overrides[field.name] : procedure.example[field.name];
    appendValue(form, field.name, value);
  }
  for (const [documentId, file] of Object.entries(files)) appendValue(form, fileFieldName(documentId), file);
  return form;
}

/** One PDF for each document the procedure requires (the online form itself excepted). */
export function requiredDocumentFiles(procedure: Procedure): Record<string, File> {
  return Object.fromEntries(
    uploadableDocuments(procedure)
      .filter((d) => d.required)
      .map((d) => [d.id, pdfFile(`${d.id}.pdf`)]),
  );
}

/** A draft of `procedure` filled in from its example, with every required document: ready to submit. */
export async function completeDraft(
  db: Kysely<Database>,
  procedure: Procedure,
  opts: { locale?: Locale; overrides?: Record<string, unknown> } = {},
): Promise<Draft> {
  const result = await processApplication(db, {
    procedure,
    locale: opts.locale ?? 'vi',
    draftId: undefined,
    form: exampleForm(procedure, opts.overrides, requiredDocumentFiles(procedure)),
  });
  if (!result.complete) throw new Error(`The example of ${procedure.code} did not pass: ${JSON.stringify(result.errors)}`);
  return result.draft;
}
