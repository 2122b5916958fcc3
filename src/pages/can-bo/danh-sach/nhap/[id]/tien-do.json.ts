/** The progress of an import job, polled by its page every second: memory only while it runs, then its status. */
import type { APIRoute } from 'astro';
import { getDb } from '../../../../../server/boot.ts';
import { getImportJob, ImportJobError, importProgress } from '../../../../../server/registry-import-jobs.ts';
import { registryActorOf } from '../../_lib/registry.ts';

export const GET: APIRoute = async ({ locals, params }) => {
  const actor = locals.staff ? registryActorOf(locals.staff.user) : undefined;
  if (!actor) return Response.json({ error: 'forbidden' }, { status: 403 });
  const headers = { 'Cache-Control': 'no-store' };
  const id = params.id ?? '';
  try {
    // Visibility is checked against the job's row; while the file is read, the numbers come from memory.
    const job = await getImportJob(await getDb(), actor, id);
    const live = importProgress(id);
    return Response.json(
      { status: live ? 'running' : job.status, bytes: job.fileBytes, bytesRead: live?.bytesRead ?? job.fileBytes, rows: live?.rows ?? job.rows },
      { headers },
    );
  } catch (err) {
    if (err instanceof ImportJobError) return Response.json({ error: 'not_found' }, { status: 404, headers });
    throw err;
  }
};
