import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { securityHeaders } from '../../src/server/security-headers.ts';

test('defaults give an embedded database on 127.0.0.1:4321', () => {
  const cfg = loadConfig({});
  assert.equal(cfg.databaseUrl, undefined);
  assert.equal(cfg.smtpUrl, undefined);
  assert.equal(cfg.dataDir, path.resolve('./data'));
  assert.equal(cfg.host, '127.0.0.1');
  assert.equal(cfg.port, 4321);
  assert.equal(cfg.publicUrl, 'http://127.0.0.1:4321');
});

test('empty variables count as unset', () => {
  assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).port, 4321);
});

test('valid values are taken as given', () => {
  const cfg = loadConfig({
    DATABASE_URL: 'postgres://u@db:5432/thads',
    SMTP_URL: 'smtps://a:b@mail.example.org:465',
    DATA_DIR: '/var/lib/thads',
    PUBLIC_URL: 'https://thads.example.gov.vn/',
    HOST: '0.0.0.0',
    PORT: '8080',
  });
  assert.equal(cfg.databaseUrl, 'postgres://u@db:5432/thads');
  assert.equal(cfg.dataDir, '/var/lib/thads');
  assert.equal(cfg.publicUrl, 'https://thads.example.gov.vn');
  assert.equal(cfg.port, 8080);
});

test('every bad value is reported at once, by name', () => {
  try {
    loadConfig({ DATABASE_URL: 'mysql://x', SMTP_URL: 'mail.example.org', PUBLIC_URL: 'ftp://x', PORT: '99999' });
    assert.fail('expected ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const text = err.problems.join('\n');
    for (const name of ['DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL', 'PORT']) assert.match(text, new RegExp(name));
    assert.match(text, /between 1 and 65535/);
  }
  assert.throws(() => loadConfig({ PORT: 'abc' }), /PORT must be a whole number/);
});

test('HSTS only when the public URL is https', () => {
  assert.equal(securityHeaders('http://127.0.0.1:4321')['Strict-Transport-Security'], undefined);
  assert.match(securityHeaders('https://thads.example.gov.vn')['Strict-Transport-Security'] ?? '', /max-age=\d+/);
  assert.match(securityHeaders('http://x')['Content-Security-Policy'] ?? '', /frame-ancestors 'none'/);
});

test('demo data loads by default on the embedded database only', () => {
  assert.equal(loadConfig({}).demoData, true);
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/thads' }).demoData, false);
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/thads', DEMO_DATA: 'yes' }).demoData, true);
  assert.equal(loadConfig({ DEMO_DATA: 'no' }).demoData, false);
  assert.equal(loadConfig({}).demoHistory, true);
  assert.equal(loadConfig({ DEMO_HISTORY: 'no' }).demoHistory, false);
  assert.equal(loadConfig({ DEMO_DATA: 'no' }).demoHistory, false);
  assert.throws(() => loadConfig({ DEMO_HISTORY: 'maybe' }), /DEMO_HISTORY must be 'yes' or 'no'/);
  assert.throws(() => loadConfig({ DEMO_DATA: 'maybe' }), /DEMO_DATA must be 'auto', 'yes' or 'no'/);
});

test('the sender defaults to no-reply at the public host, never at an IP address', () => {
  assert.match(loadConfig({ PUBLIC_URL: 'https://thads.example.gov.vn' }).mailFrom, /<no-reply@thads\.example\.gov\.vn>$/);
  assert.match(loadConfig({}).mailFrom, /<no-reply@localhost>$/);
  assert.equal(loadConfig({ MAIL_FROM: 'THADS Hà Nội <thads@hanoi.example>' }).mailFrom, 'THADS Hà Nội <thads@hanoi.example>');
  assert.throws(() => loadConfig({ MAIL_FROM: 'not an address' }), /MAIL_FROM/);
});

test('the help address defaults to hotro@ the sender’s domain, and HELP_EMAIL must be one bare address', () => {
  assert.equal(loadConfig({ PUBLIC_URL: 'https://thads.example.gov.vn' }).helpEmail, 'hotro@thads.example.gov.vn');
  assert.equal(loadConfig({ MAIL_FROM: 'THADS Hà Nội <thads@hanoi.example>' }).helpEmail, 'hotro@hanoi.example');
  assert.equal(loadConfig({ MAIL_FROM: 'thads@hanoi.example' }).helpEmail, 'hotro@hanoi.example');
  assert.equal(loadConfig({ HELP_EMAIL: 'motcua@thads.example.gov.vn' }).helpEmail, 'motcua@thads.example.gov.vn');
  assert.throws(() => loadConfig({ HELP_EMAIL: 'Hỗ trợ <motcua@thads.example.gov.vn>' }), /HELP_EMAIL must be one e-mail address/);
  assert.throws(() => loadConfig({ HELP_EMAIL: 'a@b.vn, c@d.vn' }), /HELP_EMAIL/);
});

test('LOG_LEVEL is one of the logger levels', () => {
  assert.doesNotThrow(() => loadConfig({ LOG_LEVEL: 'warn' }));
  assert.throws(() => loadConfig({ LOG_LEVEL: 'verbose' }), {
    name: 'ConfigError',
    message: 'Invalid configuration:\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  });
});

test('DATABASE_READ_URL: a PostgreSQL replica of DATABASE_URL, unset by default', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/thads' }).databaseReadUrl, undefined);
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/thads', DATABASE_READ_URL: 'postgres://r@replica:5432/thads' }).databaseReadUrl, 'postgres://r@replica:5432/thads');
  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://u@db/thads', DATABASE_READ_URL: 'replica:5432' }), /DATABASE_READ_URL must be a URL starting with postgres:\/\//);
  assert.throws(() => loadConfig({ DATABASE_READ_URL: 'postgres://r@replica/thads' }), /DATABASE_READ_URL needs DATABASE_URL/);
});
