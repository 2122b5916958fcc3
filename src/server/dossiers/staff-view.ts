/** Everything the back-office dossier page shows: the dossier, its answers, files, the full timeline with internal notes. */
import type { Kysely } from 'kysely';
import { procedureByCode } from '../catalog/index.ts';
import type { Procedure } from '../catalog/types.ts';
import type { Database, Dossier } from '../schema.ts';
import { normaliseDossierCode } from './code.ts';
import type { AttachmentSummary } from './drafts.ts';
import type { DossierAction, DossierStatus } from './lifecycle.ts';
import { issuedNotices, type NoticeKind } from './notices.ts';

export interface StaffTimelineEntry {
  id: number;
  at: Date;
  action: DossierAction;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actorName: string | null;
  actorKind: 'citizen' | 'staff' | 'system';
  publicNote: string | null;
  internalNote: string | null;
}

export interface StaffDossierView {
  dossier: Dossier;
  procedure: Procedure;
  agency: { code: string; name_vi: string; parent_code: string | null };
  assignedName: string | null;
  attachments: (AttachmentSummary & { eventId: number | null; activeContent: boolean })[];
  timeline: StaffTimelineEntry[];
  /** The notices the agency issued, to print: read from the timeline as the citizen's tracking page reads them. */
  notices: NoticeKind[];
}

/** The dossier with this code if the viewer's agency may see it (own agency, its regional offices; central admin: all). */
export async function staffDossierView(
  db: Kysely<Database>,
  codeInput: string,
  viewer: { agencyCode: string | null },
): Promise<StaffDossierView | null> {
  const code = normaliseDossierCode(codeInput);
  if (!code) return null;
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .leftJoin('staff_users', 'staff_users.id', 'dossiers.assigned_to')
    .selectAll('dossiers')
    .select(['agencies.name_vi as agency_name', 'agencies.parent_code as agency_parent', 'staff_users.full_name as assigned_name'])
    .where('dossiers.code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  if (viewer.agencyCode !== null && row.agency_code !== viewer.agencyCode && row.agency_parent !== viewer.agencyCode) return null;
  const procedure = procedureByCode(row.procedure_code);
  if (!procedure) return null;
  const events = await db
    .selectFrom('dossier_events')
    .leftJoin('staff_users', 'staff_users.id', 'dossier_events.actor_id')
    .select([
      'dossier_events.id',
      'dossier_events.at',
      'dossier_events.action',
      'dossier_events.from_status',
      'dossier_events.to_status',
      'dossier_events.actor_kind',
      'dossier_events.public_note',
      'dossier_events.internal_note',
      'staff_users.full_name',
    ])
    .where('dossier_events.dossier_id', '=', row.id)
    .orderBy('dossier_events.id')
    .execute();
  const files = await db
    .selectFrom('attachments')
    .select(['id', 'document_id', 'file_name', 'content_type', 'size_bytes', 'event_id', 'active_content'])
    .where('dossier_id', '=', row.id)
    .orderBy('id')
    .execute();
  const { agency_name, agency_parent, assigned_name, ...dossier } = row;
  return {
    dossier: dossier as Dossier,
    procedure,
    agency: { code: row.agency_code, name_vi: agency_name, parent_code: agency_parent },
    assignedName: assigned_name,
    attachments: files.map((f) => ({ id: f.id, documentId: f.document_id, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, eventId: f.event_id, activeContent: f.active_content })),
    timeline: events.map((e) => ({
      id: e.id,
      at: new Date(e.at),
      action: e.action as DossierAction,
      fromStatus: e.from_status as DossierStatus | null,
      toStatus: e.to_status as DossierStatus,
      actorName: e.full_name,
      actorKind: e.actor_kind,
      publicNote: e.public_note,
      internalNote: e.internal_note,
    })),
    notices: issuedNotices(procedure.kind, events.map((e) => e.action as DossierAction)),
  };
}

/** One attachment's bytes, only if its dossier is visible to the viewer. */
export async function attachmentForStaff(db: Kysely<Database>, codeInput: string, attachmentId: number, viewer: { agencyCode: string | null }) {
  const view = await staffDossierView(db, codeInput, viewer);
  if (!view || !view.attachments.some((a) => a.id === attachmentId)) return null;
  return db.selectFrom('attachments').select(['file_name', 'content_type', 'size_bytes', 'content']).where('id', '=', attachmentId).executeTakeFirst();
}
