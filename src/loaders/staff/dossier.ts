/**
 * Loaders of one dossier in the back office (/can-bo/ho-so/<code>): the page with its answers, files, history,
 * deadlines and the actions the viewer's role may take now, and the printed copy of one of its notices.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { allAgencies } from '../../server/agencies.ts';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { todayInVietnam } from '../../server/calendar.ts';
import type { FieldDef, LifecycleKind } from '../../server/catalog/types.ts';
import { config } from '../../server/config.ts';
import { attachmentResponse } from '../../server/dossiers/download.ts';
import { deadlineReport, type DeadlineReport } from '../../server/dossiers/deadline-report.ts';
import { actionLabel, ruleOf, type DossierAction, type DossierStatus } from '../../server/dossiers/lifecycle.ts';
import { noticeData, type NoticeData } from '../../server/dossiers/notice-data.ts';
import { assignableOfficers, type AssignableOfficer } from '../../server/dossiers/officers.ts';
import { relatedDossiers, type RelatedDossier } from '../../server/dossiers/second-complaint.ts';
import { availableActions, type StaffActionName } from '../../server/dossiers/staff-actions.ts';
import { attachmentForStaff, staffDossierView, type StaffDossierView } from '../../server/dossiers/staff-view.ts';
import { identityAccess } from '../../server/denouncers/vault.ts';
import { staffPath, trackingUrl } from '../../server/routes.ts';
import { rowIdOf } from '../../server/row-id.ts';
import type { Agency } from '../../server/schema.ts';
import { staffText } from '../../i18n/staff/index.ts';
import { actionFeedback } from '../action-feedback.ts';
import type { ErrorLink, TextLink } from '../error-link.ts';
import { signedInStaff } from './signed-in.ts';

/** Set at submission when the competent level is above the agency the petitioner named (competent-agency.ts). */
export interface PetitionRouting {
  namedAgency: string;
  reason: 'about_head' | 'second_complaint';
  aboveProvince: boolean;
}

export interface DossierPageProps {
  user: SessionUser;
  view: StaffDossierView;
  kind: LifecycleKind;
  status: DossierStatus;
  /** The actions the viewer may take now, in the order the page lists them. */
  available: StaffActionName[];
  report: DeadlineReport;
  /** A limit in calendar days (complaints, denunciations) is read against calendar days: from the day of acceptance. */
  calendarDaysUsed: number;
  related: RelatedDossier[];
  routing: PetitionRouting | undefined;
  /** A complaint filed after the time allowed: its last day and the obstacle the petitioner gave, if any. */
  lateComplaint: { lastDay: string | null; forceMajeure: string | null } | undefined;
  /** Only those who may read a denouncer's identity see the way to it (checking writes no audit entry; reading does). */
  identityAllowed: boolean;
  officers: AssignableOfficer[];
  agencies: readonly Agency[];
  answers: Record<string, unknown>;
  /** The form's sections that have answers, each with its answered fields. */
  sections: { id: string; title: { vi: string }; fields: FieldDef[] }[];
  /** The latest draft of the result, for the head approving it. */
  latestDraft: StaffDossierView['attachments'][number] | undefined;
  notice: string | undefined;
  errors: ErrorLink[];
}

const texts = staffText.dossier;
const problemText = (problem: string | null | undefined): string =>
  (problem && (texts.problems as Record<string, string>)[problem]) || staffText.common.actionRefused;

export async function loadDossierPage(Astro: AstroGlobal): Promise<DossierPageProps | Response> {
  const staff = signedInStaff(Astro);
  const db = await getDb();
  const result = Astro.getActionResult(actions.staffDossierAction);
  // Post/redirect/get: a refresh after an action must not repeat it.
  if (result?.data?.ok) return Astro.redirect(`${Astro.url.pathname}?da-thuc-hien=${result.data.action}`, 303);
  const view = await staffDossierView(db, Astro.params.code ?? '', { agencyCode: staff.user.agency_code });
  if (!view) return Astro.rewrite('/404');
  const { dossier, procedure } = view;
  const kind = procedure.kind;
  const actor = { role: staff.user.role, staffId: staff.user.id, agencyCode: staff.user.agency_code, email: staff.user.email } as const;
  const available = await availableActions(db, dossier.id, actor);
  const report = await deadlineReport(db, dossier.id);
  const related = kind === 'one-stop' ? [] : await relatedDossiers(db, dossier);
  const answers = dossier.data as Record<string, unknown>;
  const identityAllowed = kind === 'denunciation' && (await identityAccess(db, dossier.id, { id: staff.user.id, email: staff.user.email })).allowed;
  const officers = available.some((a) => a === 'assign' || a === 'reassign' || a === 'verify') ? await assignableOfficers(db, view.agency) : [];

  const feedback = actionFeedback<NonNullable<NonNullable<typeof result>['data']>>(Astro, result, {
    refused: (data) => ({ href: `#action-${data.action}`, text: problemText(data.problem) }),
    failed: { href: '#actions', text: staffText.common.actionFailed },
  });
  const done = Astro.url.searchParams.get('da-thuc-hien');
  const notice = done && ruleOf(kind, done as DossierAction) ? texts.done(actionLabel(kind, done as DossierAction).vi) : undefined;

  const calendarDaysUsed = report.receivedOn
    ? Math.max(0, Math.round((Date.parse(`${report.stoppedOn ?? todayInVietnam()}T00:00:00Z`) - Date.parse(`${report.receivedOn}T00:00:00Z`)) / 86_400_000))
    : 0;
  return {
    user: staff.user,
    view,
    kind,
    status: dossier.status as DossierStatus,
    available,
    report,
    calendarDaysUsed,
    related,
    routing: answers.routing as PetitionRouting | undefined,
    lateComplaint:
      answers.lateComplaint === true
        ? {
            lastDay: typeof answers.lastDayToComplain === 'string' ? answers.lastDayToComplain : null,
            forceMajeure: answers.forceMajeure === 'yes' ? String(answers.forceMajeureWhat ?? '') : null,
          }
        : undefined,
    identityAllowed,
    officers,
    agencies: await allAgencies(db),
    answers,
    sections: procedure.sections
      .map((s) => ({ ...s, fields: procedure.fields.filter((f) => f.section === s.id && answers[f.name] !== undefined) }))
      .filter((s) => s.fields.length > 0),
    latestDraft: [...view.attachments].reverse().find((a) => a.documentId === 'result_draft'),
    notice,
    errors: feedback.errors,
  };
}

export interface DossierNoticeProps {
  data: NoticeData;
  /** The tracking address the notice's QR code opens. */
  url: string;
  back: TextLink;
}

/** One notice of a dossier as staff print it: the one-stop forms of Circular 01/2018/TT-VPCP, the petition notices. */
export async function loadDossierNotice(Astro: AstroGlobal): Promise<DossierNoticeProps | Response> {
  const staff = signedInStaff(Astro);
  const db = await getDb();
  const view = await staffDossierView(db, Astro.params.code ?? '', { agencyCode: staff.user.agency_code });
  const data = view ? await noticeData(db, view.dossier.id, Astro.params.doc) : null;
  if (!view || !data) return Astro.rewrite('/404');
  return {
    data,
    url: trackingUrl(config().publicUrl, data.locale, data.code),
    back: { href: staffPath('dossier', { code: data.code }), text: texts.backToDossier },
  };
}

/** An attachment, downloaded (never displayed inline: the bytes come from citizens) by staff who may see its dossier. */
export async function dossierFileResponse({ params, locals }: Pick<APIContext, 'params' | 'locals'>): Promise<Response> {
  const staff = locals.staff;
  if (!staff) return new Response(null, { status: 401 });
  const id = rowIdOf(params.id) ?? NaN;
  const file = Number.isFinite(id) ? await attachmentForStaff(await getDb(), params.code ?? '', id, { agencyCode: staff.user.agency_code }) : null;
  if (!file) return new Response(texts.fileNotFound, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return attachmentResponse(file);
}
