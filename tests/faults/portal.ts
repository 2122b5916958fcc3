/**
 * The built portal as a child process, started as `npm start` starts it (scripts/start.ts, after `astro build`), and
 * a citizen who applies through it over HTTP exactly as a browser without JavaScript does: the form (a new draft),
 * the check-your-answers page, "send", and the confirmation page that shows the dossier code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/pg-cluster.ts';
import { spawnPortal, type PortalProcess } from '../support/portal-process.ts';


export interface PortalOptions {
  databaseUrl: string;
  /** HTTP port; a free one when omitted. */
  port?: number | undefined;
  /** Kept across restarts of the same portal (the kill test restarts on the same data dir). */
  dataDir?: string;
  env?: Record<string, string>;
}

export class Portal {
  readonly base: string;
  readonly dataDir: string;
  readonly #options: PortalOptions & { port: number };
  #server: PortalProcess | undefined;

  constructor(options: PortalOptions & { port: number }) {
    this.#options = options;
    this.base = `http://127.0.0.1:${options.port}`;
    this.dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'thads-faults-'));
  }

  /** What the server wrote on stdout and stderr since its last start (its log lines, start-up problems). */
  get output(): string {
    return this.#server?.output() ?? '';
  }

  /** Starts the server; resolves once it answers /readyz with 200 (within `timeoutMs`). */
  async start(timeoutMs = 60_000): Promise<void> {
    const { ready, ...server } = spawnPortal({
      port: this.#options.port,
      timeoutMs,
      env: {
        SKIP_BUILD: '1',
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.#options.databaseUrl,
        DEMO_DATA: 'no',
        // Mail as .eml files under DATA_DIR, which the kill test checks, whatever the caller's environment says.
        SMTP_URL: '',
        // Each citizen below sends its own X-Forwarded-For, as citizens behind the proxy would: the per-address rate
        // limits stay on and are not what these tests measure.
        TRUST_PROXY: '1',
        ...this.#options.env,
      },
    });
    this.#server = server;
    await ready;
  }

  get pid(): number | undefined {
    return this.#server?.process.pid;
  }

  /** SIGKILL: no shutdown code runs, as when the machine or the OOM killer stops the process. */
  async kill(): Promise<void> {
    await this.#server?.stop('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.#server?.stop('SIGTERM');
  }

  /** Stops the server and deletes its data directory. */
  async remove(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function startPortal(options: PortalOptions): Promise<Portal> {
  const portal = new Portal({ ...options, port: options.port ?? (await freePort()) });
  await portal.start();
  return portal;
}

export type Locale = 'vi' | 'en';

/** The XNKQ application (confirmation of an enforcement result), the portal's paths in both languages. */
export const XNKQ = {
  code: 'XNKQ',
  form: { vi: '/nop-ho-so/xac-nhan-ket-qua-thi-hanh-an', en: '/en/apply/confirm-enforcement-result' },
  check: { vi: 'kiem-tra', en: 'check' },
  confirmation: { vi: 'xac-nhan', en: 'confirmation' },
} as const;

/** One HTTP exchange of a citizen, kept for the test's verdict. */
export interface Exchange {
  step: 'form' | 'check' | 'submit' | 'confirmation';
  locale: Locale;
  status: number;
  /** When the request was sent (ms, performance.now). */
  at: number;
  /** When its answer had arrived in full (ms, performance.now). */
  done: number;
  /** Response body for pages that are not redirects (the 503 page is checked for its language). */
  body: string;
  retryAfter: string | null;
}

/** The outcome of one application attempt. */
export interface Attempt {
  locale: Locale;
  /** The draft id (the idempotency key of the dossier); null when the form was refused. */
  draft: string | null;
  /** The dossier code the confirmation page showed: the acknowledgement. */
  code: string | null;
  exchanges: Exchange[];
}

/** A minimal PDF whose bytes differ by `label`. */
export function pdf(label: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${label}\ntrailer<<>>\n%%EOF\n`, 'latin1'));
}

/** The answers of the XNKQ form, valid, with `label` in the free text so each dossier is told apart. */
export function xnkqForm(label: string, withFile: boolean): FormData {
  const form = new FormData();
  const answers: Record<string, string> = {
    procedure: 'XNKQ',
    fullName: 'Phạm Văn Minh',
    cccd: '036085001234',
    dateOfBirth: '1985-11-02',
    address: 'Số 24 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
    phone: '0983456712',
    email: 'minh.pham@example.org',
    applicantRole: 'debtor',
    agency: 'NBH',
    decisionNumber: '86/QĐ-THADS',
    decisionDate: '2024-03-18',
    purpose: `Để làm thủ tục xóa án tích (${label}).`,
  };
  for (const [name, value] of Object.entries(answers)) form.append(name, value);
  if (withFile) form.append('file_authorisation', new File([pdf(label)], `uy-quyen-${label}.pdf`, { type: 'application/pdf' }));
  return form;
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Applies once: form → check page → send → confirmation. Stops at the first step that does not answer as a working
 * portal does; every exchange is recorded. A request that takes over 15 s fails the attempt with status 0 (a hang).
 * With `draft`, starts at "send" with that draft, as a citizen who sends again after an answer that never came.
 */
export async function apply(
  base: string,
  opts: { locale: Locale; ip: string; label: string; withFile: boolean; draft?: string },
): Promise<Attempt> {
  const { locale, ip } = opts;
  const attempt: Attempt = { locale, draft: opts.draft ?? null, code: null, exchanges: [] };
  const headers = { Origin: base, 'X-Forwarded-For': ip };
  let cookie = opts.draft ? `thads_draft_XNKQ=${opts.draft}` : '';
  const send = async (step: Exchange['step'], url: string, init: RequestInit = {}) => {
    const at = performance.now();
    let res: Response | undefined;
    let body = '';
    try {
      res = await fetch(base + url, {
        redirect: 'manual',
        ...init,
        headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      body = await res.text();
    } catch {
      res = undefined;
    }
    const exchange: Exchange = { step, locale, status: res?.status ?? 0, at, done: performance.now(), body: res && res.status !== 303 ? body : '', retryAfter: res?.headers.get('retry-after') ?? null };
    attempt.exchanges.push(exchange);
    return { res, exchange };
  };

  const formPath = XNKQ.form[locale];
  const checkPath = `${formPath}/${XNKQ.check[locale]}`;
  if (!opts.draft) {
    const saved = await send('form', `${formPath}?_action=saveApplication`, { method: 'POST', body: xnkqForm(opts.label, opts.withFile) });
    const draftCookie = saved.res?.headers.getSetCookie().find((c) => c.startsWith('thads_draft_XNKQ='));
    if (saved.exchange.status !== 303 || !draftCookie) return attempt;
    cookie = draftCookie.split(';')[0]!;
    attempt.draft = cookie.slice('thads_draft_XNKQ='.length);
    const check = await send('check', checkPath);
    if (check.exchange.status !== 200) return attempt;
  }
  const submitted = await send('submit', `${checkPath}?_action=submitApplication`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ procedure: 'XNKQ', draft: attempt.draft! }).toString(),
  });
  if (submitted.exchange.status !== 303) return attempt;
  const confirmation = await send('confirmation', `${formPath}/${XNKQ.confirmation[locale]}`);
  attempt.code = /data-testid="dossier-code">([^<]+)</.exec(confirmation.exchange.body)?.[1] ?? null;
  return attempt;
}
