/** The progress of an import job, polled by its page every second (src/loaders/staff/registry-import.ts). */
import type { APIRoute } from 'astro';
import { registryImportProgress } from '../../../../../loaders/staff/registry-import.ts';

export const GET: APIRoute = (ctx) => registryImportProgress(ctx);
