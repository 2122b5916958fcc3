/**
 * Every dossier lifecycle as data (DESIGN.md): one table per procedure kind — one-stop procedures, complaints,
 * denunciations — listing statuses and, per action, from → to, who may take it, whether the citizen is told, its
 * wording, its e-mail, its notice and what staff enter. `transition()` (the only writer of a dossier's status, the
 * submission included) reads the table of the dossier's procedure kind; the back office's action forms, the tracking
 * timeline, the notices and the mail kinds are all derived from these tables.
 */
import type { LifecycleKind, Text } from '../catalog/types.ts';
import { complaint, type ComplaintAction, type ComplaintStatus } from './lifecycles/complaint.ts';
import { denunciation, type DenunciationAction, type DenunciationStatus } from './lifecycles/denunciation.ts';
import { oneStop, oneStopStatuses, type OneStopAction, type OneStopStatus } from './lifecycles/one-stop.ts';
import type { ActionRule, ActorRole } from './lifecycles/types.ts';

export type { ActionInput, ActionRule, ActorRole, StaffRole } from './lifecycles/types.ts';
export { oneStopStatuses };

export type DossierStatus = OneStopStatus | ComplaintStatus | DenunciationStatus;
export type DossierAction = OneStopAction | ComplaintAction | DenunciationAction;

/** A lifecycle table seen from outside: any status, any action (each table holds its own). */
export interface Lifecycle {
  statuses: readonly DossierStatus[];
  closed: readonly DossierStatus[];
  pending: readonly DossierStatus[];
  actions: Partial<Record<DossierAction, ActionRule<DossierStatus>>>;
  statusLabels: Partial<Record<DossierStatus, Text>>;
  nextSteps: Partial<Record<DossierStatus, Text>>;
}

export const lifecycles: Record<LifecycleKind, Lifecycle> = { 'one-stop': oneStop, complaint, denunciation };
export const lifecycleKinds = Object.keys(lifecycles) as LifecycleKind[];

/** The one-stop table's actions (the back office of one-stop procedures and its tests read them by name). */
export const oneStopActions = oneStop.actions;

/** Every status of every kind, each once, in table order. */
export const allStatuses: readonly DossierStatus[] = [...new Set(lifecycleKinds.flatMap((k) => lifecycles[k].statuses))];

/** Statuses in which nothing more happens, in whichever lifecycle they occur (no status is closed in one, open in another). */
export const closedStatuses: ReadonlySet<DossierStatus> = new Set(lifecycleKinds.flatMap((k) => lifecycles[k].closed));

/** Statuses in which the agency owes its answer by the due date. */
export const pendingStatuses: readonly DossierStatus[] = [...new Set(lifecycleKinds.flatMap((k) => lifecycles[k].pending))];

/** The rule of `action` in the lifecycle of `kind`, if that lifecycle has it. */
export function ruleOf(kind: LifecycleKind, action: DossierAction): ActionRule<DossierStatus> | undefined {
  return lifecycles[kind].actions[action];
}

/**
 * Whether `role` may take `action` on a dossier of `kind` in `status`; with the procedure's `resultSignedBy`, also
 * whether the action belongs to that way of issuing the result.
 */
export function isAllowed(kind: LifecycleKind, action: DossierAction, status: DossierStatus, role: ActorRole, resultSignedBy?: 'head' | 'officer'): boolean {
  const rule = ruleOf(kind, action);
  if (!rule) return false;
  if (rule.signedBy !== undefined && resultSignedBy !== undefined && rule.signedBy !== resultSignedBy) return false;
  return rule.from.includes(status) && rule.by.includes(role);
}

/** Actions of `kind` the citizen never sees on the timeline (internal steps). */
export function internalActions(kind: LifecycleKind): DossierAction[] {
  return (Object.keys(lifecycles[kind].actions) as DossierAction[]).filter((a) => !lifecycles[kind].actions[a]!.public);
}

/** The timeline wording of an action (the action's own name when no table has it: an old event). */
export function actionLabel(kind: LifecycleKind, action: DossierAction): Text {
  return ruleOf(kind, action)?.label ?? { vi: action, en: action };
}

/** A status's name in a kind's words (a complaint "waiting to be accepted", an application "to be received"). */
export function statusLabel(kind: LifecycleKind, status: DossierStatus): Text {
  return lifecycles[kind].statusLabels[status] ?? oneStop.statusLabels[status as OneStopStatus] ?? { vi: status, en: status };
}

/** What the citizen should do next. */
export function nextStep(kind: LifecycleKind, status: DossierStatus): Text {
  return lifecycles[kind].nextSteps[status] ?? { vi: '', en: '' };
}

/** Every status with its name, the one-stop wording first where kinds share a status (for back-office lists). */
export const statusLabels: Record<DossierStatus, Text> = Object.fromEntries(
  [...lifecycleKinds].reverse().flatMap((k) => Object.entries(lifecycles[k].statusLabels)),
) as Record<DossierStatus, Text>;
