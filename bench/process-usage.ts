// Memory and CPU of another process (the server under load), read from /proc on Linux.
import fs from 'node:fs';
import pg from 'pg';

/** VmRSS and VmHWM (the kernel's peak resident set) of `pid`, in MiB; null where /proc does not say. */
export function memoryOf(pid: number): { rssMiB: number; hwmMiB: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) `pid` has used so far. */
export function cpuSecondsOf(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux architecture Node runs on
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Polls VmRSS of `pid` every `everyMs` and keeps the highest value seen. */
export function sampleRss(pid: number, everyMs = 250) {
  let peak = 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m && m.rssMiB > peak) peak = m.rssMiB;
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Jiffies the whole machine spent busy and in all, since boot (the first line of /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3]! + n[4]!; // idle + iowait
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal; guest time is already in user
  return { busy: total - idle, total };
}

/** CPU seconds used by the PostgreSQL backends serving `database` (since each backend started). */
export async function backendCpuSeconds(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    return rows.reduce((sum, r) => {
      try {
        return sum + cpuSecondsOf(r.pid);
      } catch {
        return sum; // ended meanwhile
      }
    }, 0);
  } finally {
    await client.end();
  }
}
