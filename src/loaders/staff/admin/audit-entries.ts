/** How the audit log shows one entry: its action's label, what it was about (and a link there), its before and after. */
import { formatVietnamDateTimeSeconds } from '../../../i18n/format.ts';
import { staffText } from '../../../i18n/staff/index.ts';
import { lifecycleKinds, lifecycles, type DossierAction } from '../../../server/dossiers/lifecycle.ts';
import type { AuditEntry } from '../../../server/schema.ts';
import { isRowId } from '../../../server/row-id.ts';
import { staffPath } from '../../../server/routes.ts';

const t = staffText.admin.audit;

/** Audit actions with their labels, for the log's filter and its rows. */
export const auditActionLabels: Record<string, string> = {
  ...t.actions,
  // Every action of every lifecycle; where kinds share an action name, the one-stop wording.
  ...Object.fromEntries(
    [...lifecycleKinds].reverse().flatMap((kind) =>
      Object.entries(lifecycles[kind].actions).map(([action, rule]) => [`dossier.${action as DossierAction}`, t.dossierAction(rule!.label.vi)]),
    ),
  ),
};

/** The filter's choices, in groups: each group's actions by their code's prefix. */
export const auditActionGroups: { label: string; options: [code: string, label: string][] }[] = t.actionGroups.map((g) => ({
  label: g.label,
  options: Object.entries(auditActionLabels).filter(([code]) => code.startsWith(g.prefix)),
}));

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function compact(value: unknown): string {
  const s = value === null || value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface AuditChanges {
  /** One side only: 'Trước' (what was removed) or 'Sau' (what was recorded); null for a change or nothing. */
  label: string | null;
  lines: string[];
}

/**
 * An entry's before/after in short lines. Both sides: "role: reception → officer" for a change, "email: a@b" for an
 * unchanged value kept for context. One side only: its values, under its label.
 */
function auditChanges(beforeRaw: unknown, afterRaw: unknown): AuditChanges {
  const before = parsed(beforeRaw);
  const after = parsed(afterRaw);
  const none = (v: unknown) => v === null || v === undefined;
  const lines = (v: unknown) => (isRecord(v) ? Object.entries(v).map(([k, x]) => `${k}: ${compact(x)}`) : [compact(v)]);
  if (none(before) && none(after)) return { label: null, lines: [] };
  if (none(before)) return { label: t.after, lines: lines(after) };
  if (none(after)) return { label: t.before, lines: lines(before) };
  if (!isRecord(before) || !isRecord(after)) return { label: null, lines: [`${compact(before)} → ${compact(after)}`] };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return {
    label: null,
    lines: keys.map((k) => {
      const a = k in before ? compact(before[k]) : '∅';
      const b = k in after ? compact(after[k]) : '∅';
      return a === b ? `${k}: ${a}` : `${k}: ${a} → ${b}`;
    }),
  };
}

/** The back-office page of what an entry was about, where there is one. */
function entityHref(type: string | null, id: string | null): string | undefined {
  if (!id) return undefined;
  if (type === 'dossier') return staffPath('dossier', { code: id });
  if ((type === 'staff_user' || type === 'staff') && isRowId(id)) return `${staffPath('adminStaff', { 'tai-khoan': id })}#quan-ly`;
  if (type === 'agency') return `${staffPath('adminAgencies', { 'co-quan': id })}#sua`;
  return undefined;
}

/** One row of the log, as the page shows it. */
export interface AuditRow {
  /** ISO time, for <time datetime>. */
  iso: string;
  at: string;
  actor: string;
  action: string;
  actionLabel: string;
  entity: string;
  entityHref: string | undefined;
  agencyCode: string | null;
  changes: AuditChanges;
  ip: string;
}

export function auditRow(e: AuditEntry): AuditRow {
  return {
    iso: new Date(e.at).toISOString(),
    at: formatVietnamDateTimeSeconds(e.at),
    actor: e.actor_email ?? (e.actor_id ? t.accountActor(e.actor_id) : t.citizenOrSystem),
    action: e.action,
    actionLabel: auditActionLabels[e.action] ?? e.action,
    entity: e.entity_type ? `${t.entities[e.entity_type] ?? e.entity_type}${e.entity_id ? ` ${e.entity_id}` : ''}` : (e.entity_id ?? '—'),
    entityHref: entityHref(e.entity_type, e.entity_id),
    agencyCode: e.agency_code,
    changes: auditChanges(e.before, e.after),
    ip: e.ip ?? '—',
  };
}
