/**
 * Keeping the public list (Art. 44a): add, correct, remove entries and import a CSV file. Each handler authorises
 * itself (actions are also reachable at /_actions/<name>): a signed-in staff member (reception, officer, head or
 * administrator) or a 401/403; the scope (their agency and its regional offices) is the service's to enforce
 * (src/server/registry/admin.ts). Refusals come back as data, with the HTTP status the page answers with.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb } from '../server/boot.ts';
import {
  allAgencyProvinces,
  createEntry,
  entryFields,
  RegistryError,
  registryRoles,
  removeEntry,
  updateEntry,
  type EntryInput,
  type RegistryActor,
} from '../server/registry/admin.ts';
import { commitChecked, ImportJobError, startImport } from '../server/registry/import-jobs.ts';
import { config } from '../server/config.ts';
import { reasonStatus, text } from './guards.ts';
import { ipOf, requireStaff } from './staff.ts';
import { rowIdOf } from '../server/row-id.ts';

export type RegistryOp = 'create' | 'update' | 'remove' | 'import';

export interface RegistryOutcome {
  ok: boolean;
  op: RegistryOp;
  /** 'invalid' (see `fields`), 'forbidden', 'not_found', 'removed', 'file'; null on success. */
  problem: string | null;
  /** Field → problem code. */
  fields: Record<string, string>;
  /** The HTTP status the page answers with. */
  status: number;
  /** The entry acted on. */
  target: string | null;
  /** The submitted values, to fill the form again. */
  values: Record<string, string>;
}

export interface ImportOutcome {
  ok: boolean;
  /** 'file' (none chosen), 'type' (not a CSV), 'forbidden'; for a commit also 'not_found', 'not_clean', 'file_gone'. */
  problem: string | null;
  status: number;
  fileName: string;
  /** The job that checks or writes the file: its page shows the progress and the outcome. */
  jobId: string | null;
}

const outcome = (op: RegistryOp, parts: Partial<Omit<RegistryOutcome, 'op'>>): RegistryOutcome => ({
  ok: false,
  problem: null,
  fields: {},
  status: 200,
  target: null,
  values: {},
  ...parts,
  op,
});

/** The signed-in staff member as the registry services see them, or a 401/403. */
function requireRegistryStaff(ctx: ActionAPIContext): RegistryActor {
  const staff = requireStaff(ctx);
  if (!registryRoles.has(staff.user.role)) throw new ActionError({ code: 'FORBIDDEN', message: 'role' });
  const { id, email, role, agency_code } = staff.user;
  return { id, email, role, agency_code, ip: ipOf(ctx) };
}

function refusal(op: RegistryOp, err: unknown, base: Partial<RegistryOutcome>): RegistryOutcome {
  if (err instanceof RegistryError) return outcome(op, { ...base, problem: err.reason, fields: err.fields, status: reasonStatus(err.reason, 'removed') });
  throw err;
}

function idOf(form: FormData): number | null {
  return rowIdOf(text(form, 'id'));
}

/** The form's values (bounded), and the entry input: the province is the chosen agency's. */
async function entryOf(form: FormData): Promise<{ values: Record<string, string>; input: EntryInput }> {
  const values: Record<string, string> = {};
  for (const f of entryFields) values[f] = text(form, f).slice(0, 2000);
  const input: EntryInput = { ...values };
  if (!values.province_code) input.province_code = (await allAgencyProvinces(await getDb())).get(values.agency_code!.trim()) ?? '';
  return { values, input };
}

export const registryActions = {
  /** A new entry, published at once. */
  registryCreate: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const actor = requireRegistryStaff(ctx);
      const { values, input } = await entryOf(form);
      try {
        const id = await createEntry(await getDb(), actor, input);
        return outcome('create', { ok: true, target: String(id) });
      } catch (err) {
        return refusal('create', err, { values });
      }
    },
  }),

  /** A correction of a published entry. */
  registryUpdate: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const actor = requireRegistryStaff(ctx);
      const id = idOf(form);
      if (id === null) return outcome('update', { problem: 'not_found', status: 404 });
      const { values, input } = await entryOf(form);
      try {
        await updateEntry(await getDb(), actor, id, input);
        return outcome('update', { ok: true, target: String(id) });
      } catch (err) {
        return refusal('update', err, { values, target: String(id) });
      }
    },
  }),

  /** Takes an entry off the public list, with the date and the legal reason. */
  registryRemove: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const actor = requireRegistryStaff(ctx);
      const id = idOf(form);
      if (id === null) return outcome('remove', { problem: 'not_found', status: 404 });
      const values = { removed_on: text(form, 'removed_on').slice(0, 20), removal_reason: text(form, 'removal_reason').slice(0, 40) };
      try {
        await removeEntry(await getDb(), actor, id, { removedOn: values.removed_on, reason: values.removal_reason });
        return outcome('remove', { ok: true, target: String(id) });
      } catch (err) {
        return refusal('remove', err, { values, target: String(id) });
      }
    },
  }),

  /**
   * A CSV file: saved and checked (`mode` 'dry', the default) or written all or nothing (`mode` 'commit') as a job;
   * the page then follows the job (src/server/registry/import-jobs.ts).
   */
  registryImport: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx): Promise<ImportOutcome> => {
      const actor = requireRegistryStaff(ctx);
      const dryRun = text(form, 'mode') !== 'commit';
      const file = form.get('file');
      if (!file || typeof file === 'string' || file.size === 0) return { ok: false, problem: 'file', status: 400, fileName: '', jobId: null };
      const fileName = file.name.slice(0, 200);
      if (!/\.(csv|txt)$/i.test(fileName)) return { ok: false, problem: 'type', status: 400, fileName, jobId: null };
      try {
        const jobId = await startImport(await getDb(), actor, { name: fileName, stream: file.stream() }, { dryRun, dataDir: config().dataDir });
        return { ok: true, problem: null, status: 303, fileName, jobId };
      } catch (err) {
        if (err instanceof RegistryError) return { ok: false, problem: err.reason, status: reasonStatus(err.reason, 'removed'), fileName, jobId: null };
        throw err;
      }
    },
  }),

  /** Writes the file a clean dry run checked (the `checked` job), without a second upload; once, however often posted. */
  registryImportCommit: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx): Promise<ImportOutcome> => {
      const actor = requireRegistryStaff(ctx);
      const checked = text(form, 'checked').slice(0, 40);
      try {
        const jobId = await commitChecked(await getDb(), actor, checked, config().dataDir);
        return { ok: true, problem: null, status: 303, fileName: '', jobId };
      } catch (err) {
        if (err instanceof ImportJobError) {
          return { ok: false, problem: err.reason, status: err.reason === 'not_found' ? 404 : err.reason === 'file_gone' ? 410 : 409, fileName: '', jobId: null };
        }
        if (err instanceof RegistryError) return { ok: false, problem: err.reason, status: reasonStatus(err.reason, 'removed'), fileName: '', jobId: null };
        throw err;
      }
    },
  }),
};
