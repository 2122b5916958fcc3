/**
 * Demo dossiers for a fresh embedded installation (never loaded on PostgreSQL unless DEMO_DATA=yes): every one-stop
 * procedure in several statuses, some received before 1 July 2026 under the old time limits. They are made through
 * the same services a citizen and the staff use (draft → submit → transitions), so they are real dossiers.
 * Their codes and PINs are written to $DATA_DIR/demo-dossiers.json so a demo (and the e2e suite) can track them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import {
  approveResult,
  assignOfficer,
  receiveDossier,
  recordResult,
  refuseDossier,
  requestSupplement,
  returnResult,
  submitDraftResult,
} from '../../src/server/dossiers/staff-actions.ts';
import { transition, type Actor } from '../../src/server/dossiers/transition.ts';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import type { Database } from '../../src/server/schema.ts';
import { seedDemoPetitions } from './petitions-demo.ts';
import { seedDemoVisits } from './reception-demo.ts';
import { seedDemoEnforcementResults } from './enforcement-results-demo.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';
import { seedDemoSurveys } from './survey-demo.ts';
import { demoTimeline } from './demo-clock.ts';
import { demoStaff, submitDemoDossier, tinyPdf, type DemoDossier } from './demo-applicants.ts';

// Where the start script and the tests have always found them.
export { demoStaff, type DemoDossier };

// Mostly Hà Nội, where the demo staff work, so the back-office queue has something in every status.
const agencies = ['HNI', 'HNI', 'HCM', 'HNI', 'DNG', 'HNI', 'HNI-KV1'];

/**
 * A step of a demo dossier's path: a lifecycle action, or 'result' — the result as the procedure issues it (the
 * officer's certificate; or the officer's draft and the head's approval for a decision the head signs).
 */
type DemoStep = 'request_supplement' | 'refuse' | 'receive' | 'assign' | 'draft' | 'result' | 'return_result';

/** The path each demo dossier takes after submission, and how many days ago it was submitted. */
const scenarios: { steps: DemoStep[]; daysAgo: number }[] = [
  { steps: [], daysAgo: 0 },
  { steps: ['request_supplement'], daysAgo: 3 },
  // Received 11 days ago: past a 3- or 5-working-day limit, so the queue always has an overdue dossier.
  { steps: ['receive', 'assign'], daysAgo: 12 },
  { steps: ['receive', 'assign', 'result', 'return_result'], daysAgo: 160 },
  { steps: ['receive'], daysAgo: 2 },
  { steps: ['refuse'], daysAgo: 20 },
  { steps: ['receive', 'assign', 'result'], daysAgo: 8 },
  { steps: ['receive', 'assign', 'draft'], daysAgo: 3 },
];

const notes: Partial<Record<DemoStep, { vi: string; en: string }>> = {
  request_supplement: {
    vi: 'Đề nghị bổ sung bản sao bản án có chứng thực (bản đã nộp không đọc được trang 2).',
    en: 'Please send a certified copy of the judgment (page 2 of the copy sent cannot be read).',
  },
  refuse: {
    vi: 'Vụ việc không thuộc thẩm quyền của cơ quan; đề nghị gửi tới cơ quan thi hành án nơi đang thi hành vụ việc.',
    en: 'The case is outside this agency’s jurisdiction; please apply to the agency handling it.',
  },
};

/** Loads the demo dossiers (once: nothing happens when any dossier exists) and returns their codes and PINs. */
export async function seedDemoData(db: Kysely<Database>, opts: { publicUrl: string; dataDir: string; now?: Date }): Promise<DemoDossier[]> {
  const existing = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) return [];
  const now = opts.now ?? new Date();
  const staffIds: Record<string, number> = {};
  for (const s of demoStaff) {
    staffIds[s.role] = await createStaffUser(db, { email: s.email, fullName: s.fullName, role: s.role, agencyCode: s.agencyCode, password: s.password });
  }
  const made: DemoDossier[] = [];
  let i = 0;
  for (const procedure of oneStopProcedures) {
    for (let s = 0; s < 3; s++, i++) {
      const scenario = scenarios[(i * 3 + s) % scenarios.length]!;
      // The draft waiting for the head is Hà Nội's, so the demo head has a decision to sign.
      const agency = scenario.steps.includes('draft') ? 'HNI' : agencies[(i + s) % agencies.length]!;
      const [submittedAt, ...stepTimes] = demoTimeline(now, scenario.daysAgo, scenario.steps.length + 1, 9, 15) as [Date, ...Date[]];
      const locale = i % 4 === 3 ? 'en' : 'vi';
      const { dossierId, code, pin } = await submitDemoDossier(db, procedure, { i, agency, locale, submittedAt, publicUrl: opts.publicUrl });
      // Hà Nội's dossiers are worked by the demo staff (so the back office shows their names); others by the system.
      const inHanoi = agency.startsWith('HNI');
      const as = (role: 'reception' | 'officer' | 'head'): Actor =>
        inHanoi
          ? { role, staffId: staffIds[role]!, agencyCode: 'HNI', email: demoStaff.find((d) => d.role === role)!.email }
          : { role, staffId: null, agencyCode: null };
      let day = submittedAt;
      const base = () => ({ publicUrl: opts.publicUrl, now: day });
      const file = () => ({ name: `ket-qua-${procedure.code.toLowerCase()}.pdf`, bytes: tinyPdf });
      for (const [k, step] of scenario.steps.entries()) {
        day = stepTimes[k]!;
        const note = notes[step]?.[locale] ?? '';
        if (step === 'receive') await receiveDossier(db, dossierId, as('reception'), base());
        else if (step === 'request_supplement') await requestSupplement(db, dossierId, as('reception'), { ...base(), reason: note });
        else if (step === 'refuse') await refuseDossier(db, dossierId, as('reception'), { ...base(), reason: note });
        else if (step === 'assign' && inHanoi) await assignOfficer(db, dossierId, as('head'), { ...base(), officerId: staffIds.officer! });
        // Outside Hà Nội there is no demo officer: the system assigns without naming one.
        else if (step === 'assign') await transition(db, dossierId, 'assign', as('head'), base());
        else if (step === 'draft' || (step === 'result' && procedure.resultSignedBy === 'head')) {
          await submitDraftResult(db, dossierId, as('officer'), { ...base(), file: file() });
          if (step === 'result') await approveResult(db, dossierId, as('head'), base());
        } else if (step === 'result') await recordResult(db, dossierId, as('officer'), { ...base(), file: file() });
        else if (step === 'return_result') await returnResult(db, dossierId, as('reception'), base());
      }
      const { status } = await db.selectFrom('dossiers').select('status').where('id', '=', dossierId).executeTakeFirstOrThrow();
      made.push({ code, pin, procedure: procedure.code, status });
    }
  }
  const petitions = await seedDemoPetitions(db, { publicUrl: opts.publicUrl, now, staffIds });
  made.push(...petitions);
  // The reception log: one visit is the in-person filing of the first demo complaint.
  await seedDemoVisits(db, { now, staffIds, dossierCode: petitions.find((p) => p.procedure === 'KN')?.code });
  // Enforcement results for statistical years 2025 and 2026, imported as the demo head and administrator would.
  const account = (role: 'head' | 'admin') => {
    const s = demoStaff.find((d) => d.role === role)!;
    return { id: staffIds[role]!, email: s.email, role, agency_code: s.agencyCode };
  };
  await seedDemoEnforcementResults(db, { head: account('head'), admin: account('admin'), today: todayInVietnam(now) });
  made.push(...(await seedDemoSurveys(db, { publicUrl: opts.publicUrl, now, staffIds })));
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.writeFileSync(path.join(opts.dataDir, 'demo-dossiers.json'), JSON.stringify(made, null, 2) + '\n', { mode: 0o600 });
  return made;
}
