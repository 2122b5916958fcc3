/**
 * Page loaders of the public list's CSV import (`/can-bo/danh-sach/nhap`): the upload with the recent imports, one
 * import job (its progress, outcome and the commit of a clean check), and the progress the job's page polls.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { staffText } from '../../i18n/staff/index.ts';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { formatFileSize, formatNumber } from '../../server/format.ts';
import { entryFields, registryActorOf } from '../../server/registry/admin.ts';
import { getImportJob, ImportJobError, recentImports, type ImportJob } from '../../server/registry/import-jobs.ts';
import { staffPath } from '../../server/routes.ts';
import type { ImportOutcome } from '../../actions/registry.ts';
import { actionFeedback } from '../action-feedback.ts';
import type { ErrorLink } from '../error-link.ts';
import { importMessage } from './registry-words.ts';
import { registryStaff } from './registry.ts';

const t = staffText.registry;
const n = formatNumber;

// ---------------------------------------------------------------------------------------------------------------
// The upload

type RecentImport = Awaited<ReturnType<typeof recentImports>>[number];

export interface RegistryImportProps {
  user: SessionUser;
  errors: ErrorLink[];
  fileError: string | undefined;
  recent: { href: string; fileName: string; task: string; outcome: string; rows: string; by: string; when: string }[];
  /** The file's columns: the name and what it holds. */
  columns: { name: string; text: string }[];
}

const when = (d: Date | string) => new Date(d).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

function outcomeOf(r: RecentImport): string {
  if (r.status === 'running') return t.recentRunning;
  if (r.status === 'failed') return t.recentFailed;
  if (r.dry_run) return r.error_count ? t.recentErrors(n(r.error_count)) : t.recentValid;
  return r.inserted ? t.recentWritten(n(r.inserted)) : t.recentNotWritten(n(r.error_count ?? 0));
}

export async function loadRegistryImport(Astro: AstroGlobal): Promise<Response | RegistryImportProps> {
  const who = await registryStaff(Astro);
  if (who instanceof Response) return who;
  const result = Astro.getActionResult(actions.registryImport);
  // The file is saved and its job started: its page shows the progress, then the outcome (post/redirect/get).
  if (result?.data?.ok && result.data.jobId) return Astro.redirect(staffPath('registryImportJob', { id: result.data.jobId }), 303);
  const words = t.problems.upload;
  const { errors } = actionFeedback<ImportOutcome>(Astro, result, {
    refused: (data) => ({ href: '#f-file-input', text: data.problem === 'file' ? words.file : data.problem === 'type' ? words.type : words.other }),
    failed: { href: '#f-file-input', text: words.unreadable },
    tooLarge: { href: '#f-file-input', text: words.too_large },
  });
  const recent = await recentImports(await getDb(), who.actor);
  return {
    user: who.user,
    errors,
    fileError: errors[0]?.text,
    recent: recent.map((r) => ({
      href: staffPath('registryImportJob', { id: r.id }),
      fileName: r.file_name,
      task: r.dry_run ? t.taskCheck : t.taskWrite,
      outcome: outcomeOf(r),
      rows: r.rows === null ? '—' : n(r.rows),
      by: r.staff_email,
      when: when(r.created_at),
    })),
    columns: entryFields.map((f) => ({ name: f, text: `${t.fields[f]}${t.columnNotes[f] ?? ''}` })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One import job

export interface RegistryImportJobProps {
  user: SessionUser;
  job: ImportJob;
  title: string;
  /** The file's size and who sent it. */
  byline: string;
  errors: ErrorLink[];
  here: string;
  progressUrl: string;
  percent: number;
  /** A running job without a live lease: the instance reading it stopped. */
  interrupted: boolean;
  /** The file's problems, by line, in words. */
  errorRows: { line: number; field: string; text: string }[];
  commitHref: string | undefined;
  checkedHref: string | undefined;
}

export async function loadRegistryImportJob(Astro: AstroGlobal): Promise<Response | RegistryImportJobProps> {
  const who = await registryStaff(Astro);
  if (who instanceof Response) return who;
  const commit = Astro.getActionResult(actions.registryImportCommit);
  if (commit?.data?.ok && commit.data.jobId) return Astro.redirect(staffPath('registryImportJob', { id: commit.data.jobId }), 303);

  let job: ImportJob;
  try {
    job = await getImportJob(await getDb(), who.actor, Astro.params.id ?? '');
  } catch (err) {
    if (err instanceof ImportJobError) return Astro.rewrite('/404');
    throw err;
  }

  const { errors } = actionFeedback<ImportOutcome>(Astro, commit, {
    refused: (data) => ({ href: '#ghi', text: t.problems.commit[data.problem ?? ''] ?? t.problems.commitOther }),
    failed: { href: '#ghi', text: t.writeFailed },
  });
  if (job.status === 'done' && job.errorCount > 0) errors.push({ href: '#loi', text: t.fileHasErrors(n(job.errorCount)) });

  const here = staffPath('registryImportJob', { id: job.id });
  Astro.response.headers.set('Cache-Control', 'no-store');
  return {
    user: who.user,
    job,
    title: job.dryRun ? t.jobCheckTitle(job.fileName) : t.jobWriteTitle(job.fileName),
    byline: `${formatFileSize(job.fileBytes)} · ${job.staffEmail}`,
    errors,
    here,
    progressUrl: staffPath('registryImportProgress', { id: job.id }),
    percent: job.progress && job.fileBytes > 0 ? Math.min(100, Math.floor((job.progress.bytesRead / job.fileBytes) * 100)) : 0,
    interrupted: job.status === 'running' && !job.progress,
    errorRows: job.errors.map((e) => ({ line: e.line, field: e.field ?? '—', text: importMessage(e.field, e.reason, e.other) })),
    commitHref: job.commitId ? staffPath('registryImportJob', { id: job.commitId }) : undefined,
    checkedHref: job.checkedBy ? staffPath('registryImportJob', { id: job.checkedBy }) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The progress, polled by the job's page

/**
 * The progress of an import job, polled by its page every second: from memory on the instance reading the file, from
 * the row (written with each heartbeat) on any other; a running job without a live lease is reported interrupted.
 */
export async function registryImportProgress({ locals, params }: Pick<APIContext, 'locals' | 'params'>): Promise<Response> {
  const actor = locals.staff ? registryActorOf(locals.staff.user) : undefined;
  if (!actor) return Response.json({ error: 'forbidden' }, { status: 403 });
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const job = await getImportJob(await getDb(), actor, params.id ?? '');
    const status = job.status === 'running' && !job.progress ? 'interrupted' : job.status;
    return Response.json({ status, bytes: job.fileBytes, bytesRead: job.progress?.bytesRead ?? job.fileBytes, rows: job.progress?.rows ?? job.rows }, { headers });
  } catch (err) {
    if (err instanceof ImportJobError) return Response.json({ error: 'not_found' }, { status: 404, headers });
    throw err;
  }
}
