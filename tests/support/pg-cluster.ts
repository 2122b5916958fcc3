/**
 * A throwaway PostgreSQL cluster for tests that must stop, kill or replicate a database server: the machine's shared
 * server on 5432 cannot be stopped (other work uses it), so these tests `initdb` their own cluster in a temp dir.
 *
 * - Binaries: `PG_BIN` when set, else the highest version under /usr/lib/postgresql/<ver>/bin (Debian's layout;
 *   `.ci/run` installs the `postgresql` package when it is missing).
 * - Root: PostgreSQL refuses to run as root, and tests here (CI included) run as root. When the process is root,
 *   every binary runs as the `postgres` OS user through `runuser -u postgres --` (util-linux), and the temp dir is
 *   chowned to that user. The tests themselves connect over TCP, so nothing else needs that user's rights.
 * - Access: trust authentication, listening on 127.0.0.1:<port> only, the Unix socket inside the temp dir (never in
 *   /var/run/postgresql, where the shared server's socket lives). Replication is allowed from 127.0.0.1, so
 *   `startReplica()` can `pg_basebackup -R` a streaming standby.
 * - Durability is switched off (fsync, synchronous_commit, full_page_writes): the tests crash the server process,
 *   never the machine, so nothing committed is lost to a stop in immediate mode, and initdb/basebackup stay fast.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type StopMode = 'smart' | 'fast' | 'immediate';

export interface PgClusterOptions {
  /** TCP port on 127.0.0.1; a free port when omitted. */
  port?: number;
  /** Extra postgresql.conf lines, e.g. `max_connections = 50`. */
  settings?: string[];
}

/** Directory of the PostgreSQL server binaries. */
export function pgBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0) {
    throw new Error('No PostgreSQL binaries: install the postgresql package or set PG_BIN to the directory of initdb');
  }
  const newest = versions.map(Number).sort((a, b) => b - a)[0];
  return join(root, String(newest), 'bin');
}

const isRoot = process.getuid?.() === 0;

/** uid/gid of the OS user the server runs as when we are root. */
function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
async function pgRun(binary: string, args: string[]): Promise<string> {
  const path = join(pgBinDir(), binary);
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  try {
    // cwd: a directory the postgres user can enter (a checkout under /root may not be).
    const { stdout } = await run(file, argv, { cwd: tmpdir(), env: { ...process.env, LC_ALL: 'C.UTF-8' }, timeout: 120_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${binary} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A temp dir the server's OS user owns. */
function makeOwnedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (isRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  return dir;
}

export class PgCluster {
  /** Temp dir holding the data dir, the socket and the server log. */
  readonly dir: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  running = false;

  constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
    this.dataDir = join(dir, 'data');
    this.logFile = join(dir, 'server.log');
  }

  /** Connection string for a database of this cluster (user postgres, trust). */
  url(db = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    await pgRun('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', 'start']);
    this.running = true;
  }

  /** `fast` ends sessions and checkpoints; `immediate` kills the server without a checkpoint (a crash for clients). */
  async stop(mode: StopMode = 'fast'): Promise<void> {
    await pgRun('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  async restart(mode: StopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  /** Runs one statement on a database of this cluster; returns its rows. */
  async query<T extends Record<string, unknown> = Record<string, unknown>>(text: string, db = 'postgres'): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(db) });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async createDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
    await this.query(`create database ${name}`);
    return this.url(name);
  }

  /**
   * A streaming standby of this cluster: `pg_basebackup -R` (writes standby.signal and primary_conninfo) into a
   * new temp dir, started on its own port. Stop and remove it before the primary.
   */
  async startReplica(options: PgClusterOptions = {}): Promise<PgCluster> {
    const port = options.port ?? (await freePort());
    const replica = new PgCluster(makeOwnedTempDir('pg-replica-'), port);
    await pgRun('pg_basebackup', [
      '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres',
      '-D', replica.dataDir, '-R', '-X', 'stream', '-c', 'fast',
    ]);
    // The copied postgresql.conf carries the primary's port and socket dir; later lines win.
    appendFileSync(replica.confFile(), localSettings(replica, ['hot_standby = on', ...(options.settings ?? [])]));
    await startOrClean(replica);
    return replica;
  }

  /** Stops the server if it runs (immediate: nothing to keep) and deletes the temp dir. */
  async remove(): Promise<void> {
    if (this.running || existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.stop('immediate').catch(() => {});
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  confFile(): string {
    return join(this.dataDir, 'postgresql.conf');
  }
}

/** Starts a new cluster; if it cannot start (a port in use…), deletes its dir and says why, from the server log. */
async function startOrClean(cluster: PgCluster): Promise<void> {
  try {
    await cluster.start();
  } catch (err) {
    const log = existsSync(cluster.logFile) ? readFileSync(cluster.logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
    rmSync(cluster.dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL on port ${cluster.port} did not start: ${log || (err as Error).message}`);
  }
}

function localSettings(cluster: PgCluster, extra: string[]): string {
  return [
    '',
    '# tests/support/pg-cluster.ts',
    "listen_addresses = '127.0.0.1'",
    `port = ${cluster.port}`,
    `unix_socket_directories = '${cluster.dir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'wal_level = replica',
    'max_wal_senders = 5',
    ...extra,
    '',
  ].join('\n');
}

/** initdb a new cluster in a temp dir and start it. */
export async function startCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const port = options.port ?? (await freePort());
  const cluster = new PgCluster(makeOwnedTempDir('pg-cluster-'), port);
  await pgRun('initdb', [
    '-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  appendFileSync(cluster.confFile(), localSettings(cluster, options.settings ?? []));
  // Only loopback TCP and the private socket; replication for startReplica().
  writeFileSync(
    join(cluster.dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      'host all all 127.0.0.1/32 trust',
      'host replication all 127.0.0.1/32 trust',
      '',
    ].join('\n'),
  );
  if (isRoot) {
    const { uid, gid } = postgresUser();
    chownSync(join(cluster.dataDir, 'pg_hba.conf'), uid, gid);
  }
  await startOrClean(cluster);
  return cluster;
}
