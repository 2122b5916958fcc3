import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { secureDataDir } from '../../src/server/data-dir.ts';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

test('a start makes files others can read 0600 and such directories 0700, and counts them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-datadir-'));
  try {
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'mail'), { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'mail'), 0o755);
    fs.writeFileSync(path.join(dir, 'mail', 'pin.eml'), 'PIN 123456');
    fs.chmodSync(path.join(dir, 'mail', 'pin.eml'), 0o644);
    fs.writeFileSync(path.join(dir, 'demo-dossiers.json'), '[]');
    fs.chmodSync(path.join(dir, 'demo-dossiers.json'), 0o666);
    fs.writeFileSync(path.join(dir, 'secret.key'), 'k');
    fs.chmodSync(path.join(dir, 'secret.key'), 0o600);

    assert.equal(secureDataDir(dir), 4, 'the directory, mail/, pin.eml and demo-dossiers.json; not secret.key');
    assert.equal(modeOf(dir), 0o700);
    assert.equal(modeOf(path.join(dir, 'mail')), 0o700);
    assert.equal(modeOf(path.join(dir, 'mail', 'pin.eml')), 0o600);
    assert.equal(modeOf(path.join(dir, 'demo-dossiers.json')), 0o600);
    assert.equal(modeOf(path.join(dir, 'secret.key')), 0o600);
    assert.equal(secureDataDir(dir), 0, 'nothing left to tighten');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing data directory is created 0700', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-datadir-'));
  try {
    const dir = path.join(parent, 'data', 'nested');
    assert.equal(secureDataDir(dir), 0);
    assert.equal(modeOf(dir), 0o700);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
