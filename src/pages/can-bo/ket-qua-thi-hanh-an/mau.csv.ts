import type { APIRoute } from 'astro';
import { resultsTemplate } from '../../../loaders/staff/enforcement.ts';

/** The CSV template of an enforcement results import (header and one example row); for signed-in staff. */
export const GET: APIRoute = (ctx) => resultsTemplate(ctx);
