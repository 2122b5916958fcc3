// One simulated citizen applying online, over HTTP as a browser without JavaScript would: the form page, the form
// posted (multipart, with a small PDF for each required document), the check page, the submission with the draft
// id as idempotency token (sometimes posted twice at once, as a double click does), and the confirmation read back.
import { applyStepPath, type ApplyStep } from '../src/server/routes.ts';
import { request, type Dispatcher } from 'undici';
import type { Procedure } from '../src/server/catalog/types.ts';
import { exampleForm, requiredDocumentFiles } from '../tests/helpers/applications.ts';

export type Step = 'form' | 'save' | 'check' | 'submit' | 'confirmation';

/** What one flow ended with. `submitSent`: a submission left this client, so a dossier may exist for `draftId`. */
export interface FlowOutcome {
  procedure: string;
  draftId: string | null;
  submitSent: boolean;
  double: boolean;
  /** Dossier code read from the confirmation page: the citizen was told about this dossier. */
  code: string | null;
  /** Statuses of both submissions of a double submit (or the single one). */
  submitStatuses: number[];
  /** ms of the submission step (both posts of a double submit, until the later answers) and of the whole flow. */
  submitMs: number | null;
  /** performance.now() when the submission was answered (both posts of a double submit). */
  submittedAt: number | null;
  flowMs: number | null;
  /** Where it stopped and why, when it did not reach the confirmation. */
  failure: { step: Step; status: number | string } | null;
}

export interface CitizenContext {
  base: string;
  dispatcher: Dispatcher;
  /** The citizen's own address, sent as X-Forwarded-For (the server trusts its proxy). */
  address: string;
  signal: AbortSignal;
}

class StepFailure extends Error {
  readonly step: Step;
  readonly status: number | string;
  constructor(step: Step, status: number | string) {
    super(`${step}: ${status}`);
    this.step = step;
    this.status = status;
  }
}

/** Cookies as a browser keeps them for one origin: name → value, replaced by every Set-Cookie. */
class CookieJar {
  private readonly values = new Map<string, string>();
  take(headers: Record<string, string | string[] | undefined>) {
    const set = headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.values.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string) {
    return this.values.get(name);
  }
}

// The citizen's pages in Vietnamese, from the route table.
function applyPath(procedure: Procedure, locale: 'vi', step?: ApplyStep): string {
  return applyStepPath(locale, procedure.slug.vi, step);
}

const DOSSIER_CODE = /\b\d{2}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}\b/;

/** The names of the inputs of the form with id `main-form` (the application form), or of every form. */
function inputNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]!));
}

function hiddenValue(html: string, name: string): string | undefined {
  const tag = [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`));
  return tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
}

export async function citizenFlow(ctx: CitizenContext, procedure: Procedure, double: boolean): Promise<FlowOutcome> {
  const jar = new CookieJar();
  const outcome: FlowOutcome = { procedure: procedure.code, draftId: null, submitSent: false, double, code: null, submitStatuses: [], submitMs: null, submittedAt: null, flowMs: null, failure: null };
  const formPath = applyPath(procedure, 'vi');
  const started = performance.now();

  const send = async (step: Step, path: string, opts: { method?: 'GET' | 'POST'; body?: FormData | string; expect: number }) => {
    const headers: Record<string, string> = { 'x-forwarded-for': ctx.address, origin: ctx.base };
    const cookie = jar.header();
    if (cookie) headers.cookie = cookie;
    let body: string | Buffer | undefined;
    if (typeof opts.body === 'string') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = opts.body;
    } else if (opts.body) {
      // undici's request() takes bytes, not FormData: encode it as a browser would (multipart with a boundary).
      const encoded = new Response(opts.body);
      headers['content-type'] = encoded.headers.get('content-type')!;
      body = Buffer.from(await encoded.arrayBuffer());
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await request(ctx.base + path, { method: opts.method ?? 'GET', headers, body, dispatcher: ctx.dispatcher, signal: ctx.signal });
    } catch (err) {
      throw new StepFailure(step, ctx.signal.aborted ? 'aborted' : ((err as { code?: string }).code ?? 'network'));
    }
    jar.take(res.headers);
    const text = await res.body.text();
    if (res.statusCode !== opts.expect) throw new StepFailure(step, res.statusCode);
    return { text, location: String(res.headers.location ?? '') };
  };

  try {
    const form = await send('form', formPath, { expect: 200 });
    const names = inputNames(form.text);
    const body = exampleForm(procedure, {}, requiredDocumentFiles(procedure));
    body.append('procedure', procedure.code);
    // The answers go into the inputs the page offers: a field the form lost would be a broken form, not a load figure.
    for (const name of new Set(body.keys())) if (!names.has(name)) throw new StepFailure('form', `no input ${name}`);
    const saved = await send('save', `${formPath}?_action=saveApplication`, { method: 'POST', body, expect: 303 });
    if (!saved.location.endsWith(applyPath(procedure, 'vi', 'check'))) throw new StepFailure('save', `redirect ${saved.location}`);
    outcome.draftId = jar.get(`thads_draft_${procedure.code}`) ?? null;

    const check = await send('check', applyPath(procedure, 'vi', 'check'), { expect: 200 });
    const draft = hiddenValue(check.text, 'draft');
    if (!draft || draft !== outcome.draftId) throw new StepFailure('check', 'no draft token');
    const submission = new URLSearchParams({ procedure: procedure.code, draft }).toString();
    const submitPath = `${applyPath(procedure, 'vi', 'check')}?_action=submitApplication`;
    const submitStarted = performance.now();
    outcome.submitSent = true;
    const posts = Array.from({ length: double ? 2 : 1 }, () =>
      send('submit', submitPath, { method: 'POST', body: submission, expect: 303 }).then(
        (r) => (outcome.submitStatuses.push(303), r),
        (err: unknown) => {
          if (err instanceof StepFailure) outcome.submitStatuses.push(typeof err.status === 'number' ? err.status : 0);
          throw err;
        },
      ),
    );
    const answers = await Promise.allSettled(posts);
    outcome.submitMs = performance.now() - submitStarted;
    const refused = answers.find((a) => a.status === 'rejected');
    if (refused) throw (refused as PromiseRejectedResult).reason;
    outcome.submittedAt = performance.now();

    const confirmation = await send('confirmation', applyPath(procedure, 'vi', 'confirmation'), { expect: 200 });
    const code = DOSSIER_CODE.exec(confirmation.text)?.[0];
    if (!code) throw new StepFailure('confirmation', 'no dossier code');
    outcome.code = code;
    outcome.flowMs = performance.now() - started;
  } catch (err) {
    if (!(err instanceof StepFailure)) throw err;
    outcome.failure = { step: err.step, status: err.status };
  }
  return outcome;
}
