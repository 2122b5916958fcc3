// Starts the built portal (scripts/start.ts) on a throw-away data directory, or DATABASE_URL, for a benchmark.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchServer {
  base: string;
  /** The server process (scripts/start.ts serves in-process), for its memory and CPU in /proc. */
  pid: number;
  stop(): Promise<void>;
}

/** The Node options `npm start` starts the server with (package.json's "start"), so that it is measured as it runs. */
export function startOptions(root: string): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** `nodeArgs`: options for the server's Node beside those of `npm start`, e.g. `--cpu-prof` to see where its time goes. */
export async function startBenchServer(port: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchServer> {
  const root = path.resolve(import.meta.dirname, '..');
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-bench-'));
  const server = spawn(process.execPath, [...startOptions(root), ...nodeArgs, path.join(root, 'scripts/start.ts')], {
    // No demo data: the numbers describe the portal, not the demo seed's start-up.
    env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: port, DATA_DIR: dataDir, DEMO_DATA: 'no', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    // Idempotent: a benchmark may stop the server before its own clean-up does.
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, pid: server.pid!, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error('server did not become ready');
}
