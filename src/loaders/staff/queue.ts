/** Loader of the dossier queue (/can-bo): the viewer's dossiers, filtered and sorted as the form asks, a page at a time. */
import type { AstroGlobal } from 'astro';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { loadCalendar } from '../../server/calendar-store.ts';
import { todayInVietnam, type DateISO } from '../../server/calendar.ts';
import { procedureByCode, procedures } from '../../server/catalog/index.ts';
import { DUE_SOON_WORKING_DAYS, isOverdue } from '../../server/dossiers/deadline-report.ts';
import { allStatuses, closedStatuses, statusLabel, statusLabels, type DossierStatus } from '../../server/dossiers/lifecycle.ts';
import { ALL_STATUSES, openStatuses, queueParams, queueQueryFromParams, type QueueQuery } from '../../server/dossiers/queue-params.ts';
import { countByStatus, listQueue, QueueCursorError } from '../../server/dossiers/queue.ts';
import { staffPath } from '../../server/routes.ts';
import { signedInStaff } from './signed-in.ts';

export interface QueueRowView {
  code: string;
  procedureName: string;
  applicantName: string;
  statusText: string;
  submittedOn: DateISO;
  /** A dossier waiting to be received: the day reception must check it by, and the working days past it. */
  check: { dueOn: DateISO; overdue: boolean; workingDaysOverdue: number } | null;
  dueDate: DateISO | null;
  /** Working days left (negative: past) to the due date, while it runs. */
  deadline: { left: number; overdue: boolean; soon: boolean } | null;
  assignedName: string | null;
}

export interface QueuePageProps extends QueueQuery {
  user: SessionUser;
  counts: { open: number; all: number; byStatus: { label: string; count: number; href: string }[] };
  /** The queue without a status filter and with every status. */
  openHref: string;
  allHref: string;
  statusOptions: { value: DossierStatus; label: string }[];
  procedureOptions: { value: string; label: string }[];
  rows: QueueRowView[];
  nextHref: string | undefined;
}

export async function loadQueue(Astro: AstroGlobal): Promise<QueuePageProps | Response> {
  const staff = signedInStaff(Astro);
  const params = Astro.url.searchParams;
  const query = queueQueryFromParams(params);
  const db = await getDb();
  const viewer = { role: staff.user.role, agencyCode: staff.user.agency_code, staffId: staff.user.id };
  let page;
  try {
    page = await listQueue(db, viewer, query.filter);
  } catch (err) {
    // An edited or stale "next page" link: start again from the first page.
    if (!(err instanceof QueueCursorError)) throw err;
    const first = new URLSearchParams(params);
    first.delete(queueParams.cursor);
    return Astro.redirect(staffPath('queue', first), 303);
  }
  const [counts, calendar] = await Promise.all([countByStatus(db, viewer), loadCalendar(db)]);
  const today = todayInVietnam();
  /** The queue with these parameters changed (null: removed), from its first page. */
  const linkWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete(queueParams.cursor);
    for (const [k, v] of Object.entries(changes)) v === null ? next.delete(k) : next.set(k, v);
    return staffPath('queue', next);
  };
  const deadline = (due: string | null, status: DossierStatus) => {
    if (!due || closedStatuses.has(status) || status === 'result_ready') return null;
    const left = due < today ? -calendar.workingDaysBetween(due, today) : calendar.workingDaysBetween(today, due);
    const overdue = isOverdue(due, today);
    return { left, overdue, soon: !overdue && left <= DUE_SOON_WORKING_DAYS };
  };
  return {
    ...query,
    user: staff.user,
    counts: {
      open: openStatuses.reduce((n, s) => n + (counts[s] ?? 0), 0),
      all: Object.values(counts).reduce((a, b) => a + b, 0),
      byStatus: allStatuses.filter((s) => counts[s]).map((s) => ({ label: statusLabels[s].vi, count: counts[s], href: linkWith({ [queueParams.status]: s }) })),
    },
    openHref: linkWith({ [queueParams.status]: null }),
    allHref: linkWith({ [queueParams.status]: ALL_STATUSES }),
    statusOptions: allStatuses.map((s) => ({ value: s, label: statusLabels[s].vi })),
    procedureOptions: procedures.map((p) => ({ value: p.code, label: p.name.vi })),
    rows: page.rows.map((row) => {
      const procedure = procedureByCode(row.procedure_code);
      const check = row.status === 'submitted' && row.check_due_date ? row.check_due_date : null;
      return {
        code: row.code,
        procedureName: procedure?.name.vi ?? row.procedure_code,
        applicantName: row.applicant_name,
        statusText: statusLabel(procedure?.kind ?? 'one-stop', row.status).vi,
        submittedOn: todayInVietnam(new Date(row.submitted_at)),
        check: check ? { dueOn: check, overdue: isOverdue(check, today), workingDaysOverdue: isOverdue(check, today) ? calendar.workingDaysBetween(check, today) : 0 } : null,
        dueDate: row.due_date,
        deadline: deadline(row.due_date, row.status),
        assignedName: row.assigned_name,
      };
    }),
    nextHref: page.nextCursor ? linkWith({ [queueParams.cursor]: page.nextCursor }) : undefined,
  };
}
