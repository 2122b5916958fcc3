import type { APIRoute } from 'astro';
import { trackedFile } from '../../../../views/tracked-documents.ts';

export const GET: APIRoute = (context) => trackedFile(context, 'vi');
