/**
 * Page loaders of the public list's back office (`/can-bo/danh-sach`): the list, adding an entry, one entry (its
 * correction and removal) and the CSV export. Who may keep the list, redirects, status codes and props are decided
 * here; the words come from the staff dictionary's `registry` section. The CSV import's pages: ./registry-import.ts.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { pathTo } from '../../i18n/index.ts';
import { staffText } from '../../i18n/staff/index.ts';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { clientAddress } from '../../server/ratelimit.ts';
import { agencyOptions, entryFields, getEntry, listEntries, registryActorOf, removalReasons, type RegistryActor } from '../../server/registry/admin.ts';
import { exportFileName, exportStream } from '../../server/registry/export.ts';
import { staffPath } from '../../server/routes.ts';
import { rowIdOf } from '../../server/row-id.ts';
import { todayInVietnam } from '../../server/validation/dates.ts';
import type { RegistryOutcome } from '../../actions/registry.ts';
import { actionFeedback } from '../action-feedback.ts';
import type { ErrorLink } from '../error-link.ts';
import { entryRefusal, vnDate } from './registry-words.ts';

const t = staffText.registry;

export type AgencyOption = { code: string; name_vi: string };

/** The signed-in staff member who keeps the list, as the services see them; else the 403 page. */
export async function registryStaff(Astro: AstroGlobal): Promise<{ user: SessionUser; actor: RegistryActor } | Response> {
  const staff = Astro.locals.staff;
  const actor = staff ? registryActorOf(staff.user) : undefined;
  if (!staff || !actor) return Astro.rewrite('/403');
  return { user: staff.user, actor };
}

// ---------------------------------------------------------------------------------------------------------------
// The list

export interface RegistryListRow {
  href: string;
  name: string;
  address: string;
  judgment: string;
  decision: string;
  agency: string;
  reason: string | undefined;
  verified: string;
  state: string;
}

export interface RegistryListProps {
  user: SessionUser;
  q: string;
  includeRemoved: boolean;
  /** Just removed an entry (`?da-rut=`). */
  removed: boolean;
  lead: string;
  rows: RegistryListRow[];
  firstHref: string | undefined;
  nextHref: string | undefined;
}

export async function loadRegistryList(Astro: AstroGlobal): Promise<Response | RegistryListProps> {
  const who = await registryStaff(Astro);
  if (who instanceof Response) return who;
  const { actor } = who;
  const params = Astro.url.searchParams;
  const q = (params.get('q') ?? '').slice(0, 100);
  const includeRemoved = params.get('ca-da-rut') === '1';
  const cursor = (params.get('sau') ?? '').slice(0, 20);
  const db = await getDb();
  const { entries, next } = await listEntries(db, actor, { q, includeRemoved, cursor });
  const agencies = new Map((await agencyOptions(db, actor)).map((a) => [a.code, a.name_vi]));
  const link = (sau?: string) => staffPath('registry', { q, 'ca-da-rut': includeRemoved ? '1' : undefined, sau });
  const scope = actor.agency_code === null ? t.scopeAll : t.scopeAgency(agencies.get(actor.agency_code) ?? actor.agency_code);
  return {
    user: who.user,
    q,
    includeRemoved,
    removed: Boolean(params.get('da-rut')),
    lead: t.listLead(scope),
    rows: entries.map((e) => ({
      href: staffPath('registryEntry', { id: e.id }),
      name: e.debtor_name,
      address: e.debtor_address,
      judgment: e.judgment_number,
      decision: e.decision_number,
      agency: agencies.get(e.agency_code) ?? e.agency_code,
      reason: t.reasons[e.reason],
      verified: vnDate(e.verified_on),
      state: e.removed_on ? t.removedShort(vnDate(e.removed_on), t.removals[e.removal_reason ?? '']?.split(' (')[0] ?? '') : t.published,
    })),
    firstHref: cursor ? link() : undefined,
    nextHref: next ? link(next) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Adding an entry

export interface RegistryAddProps {
  user: SessionUser;
  errors: ErrorLink[];
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  agencies: AgencyOption[];
}

export async function loadRegistryAdd(Astro: AstroGlobal): Promise<Response | RegistryAddProps> {
  const who = await registryStaff(Astro);
  if (who instanceof Response) return who;
  const result = Astro.getActionResult(actions.registryCreate);
  if (result?.data?.ok) return Astro.redirect(staffPath('registryEntry', { id: result.data.target ?? '' }, { 'da-them': 1 }), 303);
  const agencies = await agencyOptions(await getDb(), who.actor);
  const { errors, fieldErrors } = actionFeedback<RegistryOutcome>(Astro, result, {
    refused: (data) => entryRefusal(data, '#f-debtor_name-input'),
    failed: { href: '#f-debtor_name-input', text: t.saveFailed },
  });
  const values = result?.data && !result.data.ok ? result.data.values : { agency_code: who.actor.agency_code ?? '' };
  return { user: who.user, errors, fieldErrors, values, agencies };
}

// ---------------------------------------------------------------------------------------------------------------
// One entry: its correction and its removal

/** The form's fields: the entry's, but the province (it follows the chosen agency). */
const formFields = entryFields.filter((f) => f !== 'province_code');

export interface RegistryEntryProps {
  user: SessionUser;
  id: number;
  name: string;
  publicHref: string;
  summary: { agency: string; reason: string | undefined; published: string; verified: string; state: string };
  removed: boolean;
  notice: string | undefined;
  errors: ErrorLink[];
  updateErrors: Record<string, string>;
  removeErrors: Record<string, string>;
  values: Record<string, string>;
  removeValues: Record<string, string>;
  agencies: AgencyOption[];
  /** The removal's grounds: the first radio carries the id the error summary links to. */
  removalOptions: { value: string; label: string | undefined; id: string }[];
}

export async function loadRegistryEntry(Astro: AstroGlobal): Promise<Response | RegistryEntryProps> {
  const who = await registryStaff(Astro);
  if (who instanceof Response) return who;
  const id = rowIdOf(Astro.params.id) ?? 0;
  const update = Astro.getActionResult(actions.registryUpdate);
  const remove = Astro.getActionResult(actions.registryRemove);
  if (update?.data?.ok) return Astro.redirect(staffPath('registryEntry', { id }, { 'da-luu': 1 }), 303);
  if (remove?.data?.ok) return Astro.redirect(staffPath('registry', { 'da-rut': id }), 303);

  const db = await getDb();
  const entry = await getEntry(db, who.actor, id);
  if (!entry) return Astro.rewrite('/404');
  const agencies = await agencyOptions(db, who.actor);

  const failed = (href: string): ErrorLink => ({ href, text: t.saveFailed });
  const updated = actionFeedback<RegistryOutcome>(Astro, update, { refused: (data) => entryRefusal(data, '#sua'), failed: failed('#sua') });
  const removal = actionFeedback<RegistryOutcome>(Astro, remove, { refused: (data) => entryRefusal(data, '#rut'), failed: failed('#rut') });

  const values = update?.data && !update.data.ok ? update.data.values : Object.fromEntries(formFields.map((f) => [f, entry[f] ?? '']));
  const removeValues = remove?.data && !remove.data.ok ? remove.data.values : { removed_on: todayInVietnam(), removal_reason: '' };
  const params = Astro.url.searchParams;
  const notice = params.has('da-them') ? t.added : params.has('da-luu') ? t.saved : undefined;
  return {
    user: who.user,
    id: entry.id,
    name: entry.debtor_name,
    publicHref: pathTo('registry', 'vi', `/${entry.public_id}`),
    summary: {
      agency: agencies.find((a) => a.code === entry.agency_code)?.name_vi ?? entry.agency_code,
      reason: t.reasons[entry.reason],
      published: vnDate(entry.published_on),
      verified: vnDate(entry.verified_on),
      state: entry.removed_on ? t.removedOn(vnDate(entry.removed_on), t.removals[entry.removal_reason ?? ''] ?? '') : t.published,
    },
    removed: Boolean(entry.removed_on),
    notice,
    errors: [...updated.errors, ...removal.errors],
    updateErrors: updated.fieldErrors,
    removeErrors: removal.fieldErrors,
    values,
    removeValues,
    agencies,
    removalOptions: removalReasons.map((r, i) => ({ value: r, label: t.removals[r], id: i === 0 ? 'f-removal_reason-input' : `f-removal_reason-${r}` })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The export

/** The published entries of the signed-in staff member's agencies as a CSV attachment, streamed. */
export async function registryExport(ctx: APIContext): Promise<Response> {
  const staff = ctx.locals.staff;
  const actor = staff ? registryActorOf(staff.user) : undefined;
  if (!staff || !actor) return new Response(t.exportForbidden, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const body = exportStream(await getDb(), { ...actor, ip: clientAddress(ctx.request, ctx.clientAddress) });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(actor.agency_code)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
