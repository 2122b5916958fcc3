import type { APIRoute } from 'astro';
import { dossierFileResponse } from '../../../../../loaders/staff/dossier.ts';

export const GET: APIRoute = (ctx) => dossierFileResponse(ctx);
