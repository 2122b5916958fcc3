// Starts the built portal (scripts/start.ts) on a throw-away data directory, or DATABASE_URL, for a benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPortalProcess, type PortalProcess } from '../tests/support/portal-process.ts';

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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-bench-'));
  let server: PortalProcess;
  try {
    server = await startPortalProcess({
      port: Number(port),
      nodeArgs: [...startOptions(root), ...nodeArgs],
      timeoutMs: 60_000,
      name: 'the bench server',
      stdout: 'ignore',
      stderr: 'inherit',
      // No demo data: the numbers describe the portal, not the demo seed's start-up.
      env: { SKIP_BUILD: '1', DATA_DIR: dataDir, DEMO_DATA: 'no', ...env },
    });
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    base: server.base,
    pid: server.process.pid!,
    // Idempotent: a benchmark may stop the server before its own clean-up does.
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
