/**
 * The answer of /healthz, what a load balancer or monitor polls: 200 when the database answers, 503 otherwise —
 * also when the database cannot even be opened (a bad DATABASE_URL, the embedded database's lock held elsewhere).
 */
import type { Kysely } from 'kysely';
import { databaseReachable } from './agencies.ts';
import type { Database } from './schema.ts';

export async function healthResponse(openDb: () => Promise<Kysely<Database>>): Promise<Response> {
  let ok = false;
  try {
    ok = await databaseReachable(await openDb());
  } catch {
    ok = false;
  }
  return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable', database: ok }), {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
