/**
 * The probes a load balancer or orchestrator polls.
 * - /healthz, liveness: the process runs and its event loop answers. It never asks the database: a database outage
 *   must not get healthy instances restarted, it is what readiness is for.
 * - /readyz, readiness: this instance can serve — the database answers and has every migration this code expects.
 *   503 with the reason otherwise, also when the database cannot even be opened (a bad DATABASE_URL, the embedded
 *   database's lock held elsewhere).
 */
import type { Kysely } from 'kysely';
import { pendingMigrations } from './migrate.ts';
import type { Database } from './schema.ts';

const HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function livenessResponse(): Response {
  return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers: HEADERS });
}

export async function readinessResponse(openDb: () => Promise<Kysely<Database>>): Promise<Response> {
  let pending: string[];
  try {
    pending = await pendingMigrations(await openDb());
  } catch {
    return unavailable({ reason: 'database unreachable' });
  }
  if (pending.length > 0) return unavailable({ reason: 'migrations pending', pending });
  return new Response(JSON.stringify({ status: 'ready' }), { status: 200, headers: HEADERS });
}

function unavailable(body: { reason: string; pending?: string[] }): Response {
  return new Response(JSON.stringify({ status: 'unavailable', ...body }), { status: 503, headers: HEADERS });
}
