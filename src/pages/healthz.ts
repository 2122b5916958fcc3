import type { APIRoute } from 'astro';
import { livenessResponse } from '../server/health.ts';

export const GET: APIRoute = () => livenessResponse();
