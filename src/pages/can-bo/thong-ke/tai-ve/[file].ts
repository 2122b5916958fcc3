import type { APIRoute } from 'astro';
import { statisticsFile } from '../../../../loaders/statistics.ts';

export const GET: APIRoute = (ctx) => statisticsFile(ctx, 'vi', 'staff');
