/**
 * The back office's interface texts, one section per area (a file each, so areas change apart). The back office is in
 * Vietnamese only: its users are the agency's staff. Citizen texts are in ../vi.ts and ../en.ts; legal and procedure
 * texts (status and action names, field labels) stay in the catalog and the lifecycle tables.
 */
import { admin } from './admin.ts';
import { auth } from './auth.ts';
import { common } from './common.ts';
import { denouncer } from './denouncer.ts';
import { dossier } from './dossier.ts';
import { enforcement } from './enforcement.ts';
import { intake } from './intake.ts';
import { layout } from './layout.ts';
import { queue } from './queue.ts';
import { registry } from './registry.ts';
import { statistics } from './statistics.ts';
import { surveys } from './surveys.ts';
import { visits } from './visits.ts';

export const staffText = { common, layout, auth, queue, dossier, intake, registry, admin, surveys, statistics, enforcement, visits, denouncer };

export type StaffDictionary = typeof staffText;
