import type { APIRoute } from 'astro';
import { getDb } from '../server/boot.ts';
import { healthResponse } from '../server/health.ts';

export const GET: APIRoute = () => healthResponse(getDb);
