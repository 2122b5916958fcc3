import type { APIRoute } from 'astro';
import { databaseReachable } from '../server/agencies.ts';
import { getDb } from '../server/boot.ts';

/** 200 when the database answers, 503 otherwise: what a load balancer or monitor polls. */
export const GET: APIRoute = async () => {
  let ok = false;
  try {
    ok = await databaseReachable(await getDb());
  } catch {
    ok = false;
  }
  return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable', database: ok }), {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
