/** The published entries of the signed-in staff member's agencies as a CSV file, streamed (src/loaders/staff/registry.ts). */
import type { APIRoute } from 'astro';
import { registryExport } from '../../../loaders/staff/registry.ts';

export const GET: APIRoute = (ctx) => registryExport(ctx);
