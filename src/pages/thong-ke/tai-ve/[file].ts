import type { APIRoute } from 'astro';
import { statisticsFile } from '../../../views/statistics.ts';

export const GET: APIRoute = (ctx) => statisticsFile(ctx, 'vi', 'public');
