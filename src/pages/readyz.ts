import type { APIRoute } from 'astro';
import { getDb } from '../server/boot.ts';
import { readinessResponse } from '../server/health.ts';

export const GET: APIRoute = () => readinessResponse(getDb);
