/**
 * Enforcement results: check an uploaded CSV file (kept for the preview when clean), commit a previewed import once,
 * and set yearly targets. Each handler authorises itself (actions are also reachable at /_actions/<name>): a
 * signed-in staff member, or 401; who may import or set targets is the service's rule
 * (src/server/enforcement-results/access.ts). Refusals come back as data, with the HTTP status the page answers with.
 */
import { defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb } from '../server/boot.ts';
import { EnforcementError, type EnforcementActor } from '../server/enforcement-results/access.ts';
import { commitImport, previewImport } from '../server/enforcement-results/import.ts';
import { setTargets } from '../server/enforcement-results/targets.ts';
import type { CsvProblem } from '../server/csv-import.ts';
import { reasonStatus, text } from './guards.ts';
import { ipOf, requireStaff } from './staff.ts';

export interface ResultsImportOutcome {
  ok: boolean;
  /** 'file' (none chosen), 'type' (not a CSV), 'problems' (see `problems`), 'forbidden'; for a commit 'committed', 'not_found'. */
  problem: string | null;
  status: number;
  importId: string | null;
  problems: CsvProblem[];
  problemCount: number;
}

export interface TargetsOutcome {
  ok: boolean;
  /** 'invalid' (see `fields`), 'forbidden'. */
  problem: string | null;
  status: number;
  year: string;
  fields: Record<string, string>;
  /** What was typed, by input name, to fill the form again. */
  values: Record<string, string>;
  changed: number;
}

function actorOf(ctx: ActionAPIContext): EnforcementActor {
  const { id, email, role, agency_code } = requireStaff(ctx).user;
  return { id, email, role, agency_code, ip: ipOf(ctx) };
}

const importRefusal = (problem: string, importId: string | null = null, status = reasonStatus(problem, 'committed')): ResultsImportOutcome => ({
  ok: false,
  problem,
  status,
  importId,
  problems: [],
  problemCount: 0,
});

export const enforcementResultActions = {
  /** Checks a file; a clean one is stored for its preview page (303 there), a file with problems stores nothing. */
  resultsImport: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx): Promise<ResultsImportOutcome> => {
      const actor = actorOf(ctx);
      const file = form.get('file');
      if (!file || typeof file === 'string' || file.size === 0) return importRefusal('file', null, 400);
      if (!/\.(csv|txt)$/i.test(file.name)) return importRefusal('type', null, 400);
      try {
        const outcome = await previewImport(await getDb(), actor, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
        if (outcome.ok) return { ok: true, problem: null, status: 303, importId: outcome.importId, problems: [], problemCount: 0 };
        return { ok: false, problem: 'problems', status: 400, importId: null, problems: outcome.check.problems, problemCount: outcome.check.problemCount };
      } catch (err) {
        if (err instanceof EnforcementError) return importRefusal(err.reason);
        throw err;
      }
    },
  }),

  /** Writes a previewed import; once, however often posted (a second post is refused with 409). */
  resultsCommit: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx): Promise<ResultsImportOutcome> => {
      const actor = actorOf(ctx);
      const id = text(form, 'import').slice(0, 40);
      try {
        await commitImport(await getDb(), actor, id);
        return { ok: true, problem: null, status: 303, importId: id, problems: [], problemCount: 0 };
      } catch (err) {
        if (err instanceof EnforcementError) return importRefusal(err.reason, id);
        throw err;
      }
    },
  }),

  /** Sets the targets of one year: inputs `cases.<agency code>` and `money.<agency code>`. */
  targetsSave: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx): Promise<TargetsOutcome> => {
      const actor = actorOf(ctx);
      const year = text(form, 'year').slice(0, 10);
      const values: Record<string, string> = {};
      const input: Record<string, { cases: string; money: string }> = {};
      for (const [name, value] of form.entries()) {
        const m = /^(cases|money)\.([A-Z0-9-]{1,20})$/.exec(name);
        if (!m || typeof value !== 'string') continue;
        const typed = value.slice(0, 20);
        values[name] = typed;
        (input[m[2]!] ??= { cases: '', money: '' })[m[1] as 'cases' | 'money'] = typed;
      }
      const base = { year, values, fields: {}, changed: 0 };
      try {
        const changed = await setTargets(await getDb(), actor, /^\d{4}$/.test(year) ? Number(year) : NaN, input);
        return { ...base, ok: true, problem: null, status: 303, changed: changed.length };
      } catch (err) {
        if (err instanceof EnforcementError) return { ...base, ok: false, problem: err.reason, status: reasonStatus(err.reason, 'committed'), fields: err.fields };
        throw err;
      }
    },
  }),
};
