/**
 * The built portal as a child process, started as `npm start` starts it (scripts/start.ts), for every harness that
 * needs a real server: the fuzzer, the fault tests, the instance tests and the benchmarks. One way to start it, keep
 * what it printed, wait until it answers, and stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface PortalProcessOptions {
  port: number;
  /** The server's environment beside the caller's; a name set to undefined is removed from it. */
  env: Record<string, string | undefined>;
  /** The script to run, from the project's root (scripts/start.ts unless another wraps it). */
  script?: string;
  /** Node options before the script (the benchmarks pass `npm start`'s and `--cpu-prof`). */
  nodeArgs?: string[];
  /** Answers 200 once the server is up: /readyz (the database reached) or /healthz (listening). */
  ready?: '/readyz' | '/healthz';
  timeoutMs?: number;
  /** What to call the process in errors. */
  name?: string;
  /** Its stdout (the request log) kept for `output()`, the default, or dropped: a benchmark's load would fill it. */
  stdout?: 'keep' | 'ignore';
  /** Its stderr kept with stdout for `output()`, the default, or written to the caller's own. */
  stderr?: 'keep' | 'inherit';
}

export interface PortalProcess {
  base: string;
  process: ChildProcess;
  /** The last 200,000 characters the process printed and the options kept (log lines, a start-up problem, a stack trace). */
  output(): string;
  /** Sends `signal` (unless the process has ended) and waits for it to exit; SIGKILL runs no shutdown code. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const KEEP = 200_000;

/**
 * Starts the server; `ready` resolves once `ready` answers 200, and rejects with the server's output if it exits or
 * times out first (then it has been killed). What it prints can be read while it starts.
 */
export function spawnPortal(opts: PortalProcessOptions): PortalProcess & { ready: Promise<void> } {
  const name = opts.name ?? 'the portal';
  const env: Record<string, string | undefined> = {
    ...process.env,
    // A start that finds dist/ stale builds with node_modules/.bin/astro, which must find the project's Node.
    PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, opts.script ?? 'scripts/start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', opts.stdout === 'ignore' ? 'ignore' : 'pipe', opts.stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
  let log = '';
  // Trimmed once it is twice the size kept, not on every chunk: a server under load prints a line per request.
  const keep = (chunk: string) => {
    log += chunk;
    if (log.length > 2 * KEEP) log = log.slice(-KEEP);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  const base = `http://127.0.0.1:${opts.port}`;
  const readyPath = opts.ready ?? '/readyz';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}:\n${log}`);
      const ok = await fetch(base + readyPath, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) {
        await stop('SIGKILL');
        throw new Error(`${name} did not answer ${readyPath} within ${timeoutMs} ms:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return { base, process: child, output: () => log.slice(-KEEP), stop, ready };
}

/** Starts the server and resolves once it is ready (see spawnPortal). */
export async function startPortalProcess(opts: PortalProcessOptions): Promise<PortalProcess> {
  const { ready, ...server } = spawnPortal(opts);
  await ready;
  return server;
}
