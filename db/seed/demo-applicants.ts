/**
 * The demo accounts and applicants every demo seed shares (db/seed/demo.ts and the seeds it runs): apart from the
 * seed that runs the others, so those can file dossiers without importing it back.
 */
import type { Kysely } from 'kysely';
import type { Procedure } from '../../src/server/catalog/types.ts';
import { addDraftAttachment, createDraft, saveDraftAnswers } from '../../src/server/dossiers/drafts.ts';
import { sha256Hex } from '../../src/server/dossiers/files.ts';
import type { DossierStatus } from '../../src/server/dossiers/lifecycle.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import type { Database } from '../../src/server/schema.ts';

/** Demo staff accounts (printed at start; never created outside the demo seed). */
export const demoStaff = [
  { email: 'tiepnhan@demo.thads.vn', fullName: 'Nguyễn Thị Tiếp Nhận', role: 'reception', agencyCode: 'HNI', password: 'quay-tiep-dan-2026' },
  { email: 'chaphanhvien@demo.thads.vn', fullName: 'Trần Văn Chấp Hành', role: 'officer', agencyCode: 'HNI', password: 'xu-ly-ho-so-2026' },
  { email: 'thutruong@demo.thads.vn', fullName: 'Lê Minh Thủ Trưởng', role: 'head', agencyCode: 'HNI', password: 'phe-duyet-ho-so-2026' },
  { email: 'quantri@demo.thads.vn', fullName: 'Phạm Quản Trị', role: 'admin', agencyCode: null, password: 'quan-ly-he-thong-2026' },
] as const;

export interface DemoDossier {
  code: string;
  pin: string;
  procedure: string;
  status: DossierStatus;
  /** A returned dossier whose survey link is still open (db/seed/survey-demo.ts). */
  surveyOpen?: true;
}

const people = [
  { name: 'Trần Văn Hùng', female: false, dob: '1979-03-21' },
  { name: 'Lê Thị Mai', female: true, dob: '1985-11-02' },
  { name: 'Phạm Quốc Bảo', female: false, dob: '1990-07-15' },
  { name: 'Nguyễn Thị Thu Hà', female: true, dob: '1968-01-30' },
  { name: 'Đặng Minh Đức', female: false, dob: '1995-09-09' },
  { name: 'Vũ Thị Ngọc Ánh', female: true, dob: '1982-05-18' },
  { name: 'Hoàng Văn Nam', female: false, dob: '1974-12-24' },
];
const phones = ['0912345601', '0987654302', '0356789103', '0701234504', '0833456705', '0967890106', '0388123407'];

/** A citizen ID consistent with the date of birth (province 001, the century-and-sex digit, the year). */
function cccdFor(person: (typeof people)[number], i: number): string {
  const year = Number(person.dob.slice(0, 4));
  const century = (year >= 2000 ? 2 : 0) + (person.female ? 1 : 0);
  return `001${century}${person.dob.slice(2, 4)}${String(100_000 + i * 7919).slice(-6)}`;
}

export const tinyPdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Submits the `i`-th demo applicant's online dossier of `procedure`, with every required document, at `submittedAt`. */
export async function submitDemoDossier(
  db: Kysely<Database>,
  procedure: Procedure,
  opts: { i: number; agency: string; locale: 'vi' | 'en'; submittedAt: Date; publicUrl: string },
): Promise<{ dossierId: number; code: string; pin: string }> {
  const { i, agency, locale, submittedAt } = opts;
  const person = people[i % people.length]!;
  const answers = procedure.schema.parse({
    ...procedure.example,
    fullName: person.name,
    dateOfBirth: person.dob,
    cccd: cccdFor(person, i),
    phone: phones[i % phones.length],
    email: `demo${i + 1}@example.com`,
    agency,
  });
  const draftId = await createDraft(db, procedure.code, locale, submittedAt);
  await saveDraftAnswers(db, draftId, {}, answers);
  for (const doc of procedure.documents.filter((d) => d.required && d.id !== 'application')) {
    await addDraftAttachment(db, draftId, {
      document_id: doc.id,
      file_name: `${doc.id}.pdf`,
      content_type: 'application/pdf',
      size_bytes: tinyPdf.length,
      sha256: sha256Hex(tinyPdf),
      content: tinyPdf,
    });
  }
  return submitDraft(db, draftId, { channel: 'online', publicUrl: opts.publicUrl, now: submittedAt });
}
