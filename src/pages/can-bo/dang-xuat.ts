import type { APIRoute } from 'astro';
import { signOutResponse } from '../../loaders/staff/auth.ts';

export const POST: APIRoute = (ctx) => signOutResponse(ctx);
