/**
 * The progress of an import job, polled by its page every second: from memory on the instance reading the file, from
 * the row (written with each heartbeat) on any other; a running job without a live lease is reported interrupted.
 */
import type { APIRoute } from 'astro';
import { getDb } from '../../../../../server/boot.ts';
import { getImportJob, ImportJobError } from '../../../../../server/registry/import-jobs.ts';
import { registryActorOf } from '../../_lib/registry.ts';

export const GET: APIRoute = async ({ locals, params }) => {
  const actor = locals.staff ? registryActorOf(locals.staff.user) : undefined;
  if (!actor) return Response.json({ error: 'forbidden' }, { status: 403 });
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const job = await getImportJob(await getDb(), actor, params.id ?? '');
    const status = job.status === 'running' && !job.progress ? 'interrupted' : job.status;
    return Response.json(
      { status, bytes: job.fileBytes, bytesRead: job.progress?.bytesRead ?? job.fileBytes, rows: job.progress?.rows ?? job.rows },
      { headers },
    );
  } catch (err) {
    if (err instanceof ImportJobError) return Response.json({ error: 'not_found' }, { status: 404, headers });
    throw err;
  }
};
