import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

/** Every file and directory under `dir` with its permission bits, as `relative path → mode`. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    out.set(path.relative(dir, p) || '.', stat.mode & 0o777);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return out;
}

// The start script's first steps (owner-only umask, then boot) in a child, so this process's umask stays as it is.
const START = `
import { restrictNewFiles } from './src/server/data-dir.ts';
restrictNewFiles();
const { boot } = await import('./src/server/boot.ts');
const { closeSharedDatabase } = await import('./src/server/db.ts');
const { mailWorker } = await import('./src/server/boot.ts');
await boot();
await mailWorker()?.stop();
await closeSharedDatabase();
process.exit(0);
`;

test('a start on a data directory left open tightens it and writes the embedded database owner-only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-start-'));
  try {
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'imports'));
    fs.chmodSync(path.join(dir, 'imports'), 0o777);
    fs.writeFileSync(path.join(dir, 'imports', 'old.csv'), 'cccd;name');
    fs.chmodSync(path.join(dir, 'imports', 'old.csv'), 0o644);

    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, DEMO_DATA: 'no', DEMO_HISTORY: 'no' };
    delete env.DATABASE_URL;
    delete env.SMTP_URL;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', START], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /3 files or directories others could read were made owner-only/);

    const found = modes(dir);
    assert.ok(found.size > 20, `the embedded database was written (${found.size} entries)`);
    const open = [...found].filter(([, mode]) => (mode & 0o077) !== 0);
    assert.deepEqual(open, [], 'nothing under DATA_DIR is open to group or others');
    assert.equal(found.get('.'), 0o700);
    assert.equal(found.get('imports/old.csv'), 0o600);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
