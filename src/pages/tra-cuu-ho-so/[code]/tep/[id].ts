import type { APIRoute } from 'astro';
import { trackedFile } from '../../../../loaders/tracked-documents.ts';

export const GET: APIRoute = (context) => trackedFile(context, 'vi');
