/** The shape of a lifecycle table (DESIGN.md: lifecycles are data). */
import type { Text } from '../../catalog/types.ts';
import type { DossierMailKind } from '../../mail/templates.ts';

export type StaffRole = 'reception' | 'officer' | 'head' | 'admin';
export type ActorRole = 'citizen' | StaffRole;

/**
 * What staff enter to take an action (the dossier page's form asks for these, the service checks them): `reason` for
 * the citizen (or, on an internal action, for colleagues), `officer`, `date` (a new date), `file` (the result, its
 * draft, or a decision), `note` (an optional note to the citizen), `conclusion` (right / partly right / wrong), `number` (the decision's
 * number, as printed on it), and the decision's mandatory contents the printed decision carries: `findings` (what
 * verification established), `legalBasis`, `remedy` (a complaint's decision keeps, amends or annuls what was complained
 * about) and `measures` (what a denunciation's conclusion orders).
 */
export type ActionInput = 'reason' | 'officer' | 'date' | 'file' | 'note' | 'conclusion' | 'number' | 'findings' | 'legalBasis' | 'remedy' | 'measures';

export interface ActionRule<S extends string = string> {
  /** The statuses it starts from; none for the submission, which creates the dossier. */
  from: readonly S[];
  /** The status after the action; `null` keeps the current one (e.g. an apology with a new date). */
  to: S | null;
  by: readonly ActorRole[];
  /** Whether the citizen is told (timeline entry is public, and an e-mail is sent). */
  public: boolean;
  /** Timeline wording, as the citizen reads it. */
  label: Text;
  /** The e-mail it sends the citizen (only when public). */
  mail?: DossierMailKind;
  /** The printable notice it issues (a slug of src/server/dossiers/notices.ts). */
  notice?: string;
  /**
   * Only for procedures whose result this signer signs (the catalog's `resultSignedBy`): a decision of the head goes
   * through a draft the head approves; the officer's own document is ready when recorded.
   */
  signedBy?: 'head' | 'officer';
  inputs?: readonly ActionInput[];
  /** Closes the dossier and invites the citizen to the satisfaction survey (src/server/survey/invitation.ts). */
  invitesSurvey?: true;
}

export interface LifecycleTable<S extends string, A extends string> {
  statuses: readonly S[];
  /** Statuses in which nothing more happens. */
  closed: readonly S[];
  /** Statuses in which the agency owes its answer by the due date (the clock runs). */
  pending: readonly S[];
  actions: Record<A, ActionRule<S>>;
  statusLabels: Record<S, Text>;
  /** What the citizen should do next, by status. */
  nextSteps: Record<S, Text>;
}
