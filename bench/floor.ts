// The floor of `npm run bench`: a minimal Astro app (bench/floor/) built by the project's own Astro, serving a bare
// on-demand page and a bare prerendered page, and a node:http server as the limit. Each runs in its own process, as
// the portal does, so the bench process's own work (autocannon) is not on their thread.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const floorRoot = path.join(root, 'bench/floor');

export interface Floor {
  ssr: string;
  prerendered: string;
  nodeHttp: string;
  stop(): Promise<void>;
}

async function ready(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  return exited;
}

/** Builds the floor app (about 2 s) and starts it on `astroPort` and node:http on `httpPort`. */
export async function startFloor(astroPort: number, httpPort: number): Promise<Floor> {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', floorRoot], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('building bench/floor failed');
  const env = { ...process.env, HOST: '127.0.0.1' };
  const astro = spawn(process.execPath, [path.join(floorRoot, 'dist/server/entry.mjs')], { env: { ...env, PORT: String(astroPort) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const nodeHttp = spawn(process.execPath, [path.join(floorRoot, 'http.ts')], { env: { ...env, PORT: String(httpPort) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const floor: Floor = {
    ssr: `http://127.0.0.1:${astroPort}/ssr`,
    prerendered: `http://127.0.0.1:${astroPort}/static`,
    nodeHttp: `http://127.0.0.1:${httpPort}/`,
    stop: async () => {
      await Promise.all([stopChild(astro), stopChild(nodeHttp)]);
    },
  };
  try {
    await Promise.all([ready(floor.ssr), ready(floor.prerendered), ready(floor.nodeHttp)]);
  } catch (err) {
    await floor.stop();
    throw err;
  }
  return floor;
}
