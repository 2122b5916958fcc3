/**
 * The queue page's address (its GET form) read into a `QueueFilter`. Kept apart from the page so the reading is
 * tested: an unticked box must mean "no filter", never "only the others" — an overdue dossier once vanished from
 * every view but "Quá hạn" because the unticked box became `overdue: false`.
 */
import { procedures } from '../catalog/index.ts';
import { allStatuses, closedStatuses, type DossierStatus } from './lifecycle.ts';
import type { QueueFilter } from './queue.ts';

/** The statuses of the working queue: every open one, of every kind of dossier. */
export const openStatuses: readonly DossierStatus[] = allStatuses.filter((s) => !closedStatuses.has(s));

/** The parameter names of the queue's form (Vietnamese, as staff read them in the address bar). */
export const queueParams = {
  status: 'trang-thai',
  procedure: 'thu-tuc',
  round: 'lan',
  dueWithin: 'han',
  overdue: 'qua-han',
  mine: 'cua-toi',
  q: 'q',
  sort: 'sap-xep',
  cursor: 'sau',
} as const;

/** The value of the status parameter that shows closed dossiers too. */
export const ALL_STATUSES = 'tat-ca';

export interface QueueQuery {
  filter: QueueFilter;
  /** The status chosen, if one; `'all'` for every status; undefined for the open ones (the default). */
  status: DossierStatus | 'all' | undefined;
  dueWithin: number | undefined;
}

/** Reads the queue form's parameters; anything unknown or malformed is ignored (the default view). */
export function queueQueryFromParams(params: URLSearchParams, pageSize = 25): QueueQuery {
  const rawStatus = params.get(queueParams.status);
  const chosen = allStatuses.find((s) => s === rawStatus);
  const status = chosen ?? (rawStatus === ALL_STATUSES ? 'all' : undefined);
  const dueRaw = params.get(queueParams.dueWithin) ?? '';
  const dueWithin = /^\d{1,2}$/.test(dueRaw) ? Number(dueRaw) : undefined;
  const filter: QueueFilter = {
    status: status === 'all' ? undefined : (chosen ?? openStatuses),
    procedure: procedures.find((p) => p.code === params.get(queueParams.procedure))?.code,
    round: params.get(queueParams.round) === '2' ? 'second' : params.get(queueParams.round) === '1' ? 'first' : undefined,
    assignedToMe: params.get(queueParams.mine) === '1' || undefined,
    dueWithinWorkingDays: dueWithin,
    // Ticked: only the overdue ones. Unticked: no filter at all.
    overdue: params.get(queueParams.overdue) === '1' ? true : undefined,
    q: (params.get(queueParams.q) ?? '').trim().slice(0, 100) || undefined,
    sort: params.get(queueParams.sort) === 'ngay-nop' ? 'submitted' : 'due',
    cursor: params.get(queueParams.cursor) ?? undefined,
    pageSize,
  };
  return { filter, status, dueWithin };
}
