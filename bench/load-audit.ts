// After a load run, with the server stopped: what the database holds against what the clients were told.
import pg from 'pg';
import type { FlowOutcome } from './load-citizen.ts';

export interface Audit {
  dossiers: number;
  acknowledged: number;
  /** Acknowledged dossiers (code read on the confirmation page) with no row of that code and draft. */
  lost: string[];
  /** Codes or draft ids stored more than once (the unique constraints forbid it; counted so the bench proves it). */
  duplicated: string[];
  /** Double submits whose draft produced exactly one dossier. */
  doubleSubmitsOne: number;
  doubleSubmits: number;
  /** Stored dossiers no client was told about whose submission had left the client: its answer never came back. */
  unacknowledgedInFlight: number;
  /** Stored dossiers of a draft no client submitted, or whose submission a client was refused (4xx): must be 0. */
  phantom: string[];
}

export interface StoredDossier {
  code: string;
  idempotency_key: string;
}

/** The dossiers stored in `databaseUrl`, reconciled with what the clients were told. */
export async function auditRun(databaseUrl: string, outcomes: FlowOutcome[]): Promise<Audit> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<StoredDossier>('select code, idempotency_key from dossiers');
    return reconcile(rows, outcomes);
  } finally {
    await client.end();
  }
}

/** Stored dossiers (code and the draft id they were submitted from) against the outcome of every flow. */
export function reconcile(rows: StoredDossier[], outcomes: FlowOutcome[]): Audit {
  const byKey = new Map<string, string[]>();
  const byCode = new Map<string, number>();
  for (const r of rows) {
    byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r.code]);
    byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  }
  const duplicated = [...[...byKey].filter(([, codes]) => codes.length > 1).map(([k]) => k), ...[...byCode].filter(([, n]) => n > 1).map(([c]) => c)];

  const acknowledged = outcomes.filter((o) => o.code !== null);
  const lost = acknowledged.filter((o) => !byKey.get(o.draftId!)?.includes(o.code!)).map((o) => `${o.code} (draft ${o.draftId})`);
  const doubles = acknowledged.filter((o) => o.double);

  // A dossier nobody was told about is explained only by a submission whose answer did not reach its client (cut
  // off at the end of the run, or a network error or timeout after the request left, or the confirmation page that
  // failed after it). A draft nobody submitted, or whose every post was refused (4xx), explains nothing.
  const unanswered = new Set(
    outcomes.filter((o) => o.code === null && o.submitSent && o.draftId && (unansweredPosts(o) || o.submitStatuses.some((s) => s === 0 || s === 303 || s >= 500))).map((o) => o.draftId!),
  );
  const told = new Set(acknowledged.map((o) => o.draftId!));
  let unacknowledgedInFlight = 0;
  const phantom: string[] = [];
  for (const [key, codes] of byKey) {
    if (told.has(key)) continue;
    if (unanswered.has(key)) unacknowledgedInFlight++;
    else phantom.push(`${codes.join(',')} (draft ${key})`);
  }
  return {
    dossiers: rows.length,
    acknowledged: acknowledged.length,
    lost,
    duplicated,
    doubleSubmits: doubles.length,
    doubleSubmitsOne: doubles.filter((o) => byKey.get(o.draftId!)?.length === 1).length,
    unacknowledgedInFlight,
    phantom,
  };
}

/** A post of the submission cut off on the wire: no status at all came back for it. */
function unansweredPosts(o: FlowOutcome): boolean {
  return o.submitStatuses.length < (o.double ? 2 : 1);
}
