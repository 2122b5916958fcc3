// The route tables (src/server/routes.ts) and the route files under src/pages describe the same pages: every page
// file has its path in a table, and every path in the tables has its file. A page added without its table entry,
// or a table entry whose page was moved, fails here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { applySteps, routes, staffPath, staffRoutes, trackedParts } from '../../src/server/routes.ts';

const pagesDir = path.resolve(import.meta.dirname, '../../src/pages');

function pageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('_')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pageFiles(full) : /\.(astro|ts)$/.test(e.name) ? [full] : [];
  });
}

/** `src/pages/can-bo/ho-so/[code]/tep/[id].ts` → `/can-bo/ho-so/:code/tep/:id`. */
function patternOf(file: string): string {
  const rel = path.relative(pagesDir, file).replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
  return `/${rel}`.replace(/\[([a-z]+)\]/gi, ':$1').replace(/\/$/, '') || '/';
}

// Pages that are no one's route but the server's own: error pages, health checks, the bench's bare page.
const systemPages = ['/403', '/404', '/500', '/healthz', '/readyz', '/bench-bare'];
// What follows the citizen routes that end in "/": the procedure's slug, the survey's token, the download's file.
const prefixParams: Partial<Record<keyof typeof routes, string>> = { procedure: ':slug', apply: ':slug', survey: ':token', statisticsDownload: ':file' };

function citizenPatterns(): string[] {
  const out: string[] = [];
  for (const [name, paths] of Object.entries(routes) as [keyof typeof routes, Record<'vi' | 'en', string>][]) {
    for (const locale of ['vi', 'en'] as const) {
      const base = paths[locale];
      out.push(base.endsWith('/') ? (prefixParams[name] ? base + prefixParams[name] : base.replace(/\/$/, '') || '/') : base);
      if (name === 'apply') for (const step of Object.values(applySteps)) out.push(`${base}:slug/${step[locale]}`);
      if (name === 'registry') out.push(`${base}/:id`);
      if (name === 'track') {
        out.push(`${base}/:code`);
        out.push(`${base}/:code/${trackedParts.file[locale]}/:id`, `${base}/:code/${trackedParts.notice[locale]}/:doc`, `${base}/:code/${trackedParts.receipt[locale]}`);
      }
    }
  }
  return out;
}

test('every page file has its path in a route table', () => {
  const known = new Set([...systemPages, ...citizenPatterns(), ...Object.values(staffRoutes)]);
  const missing = pageFiles(pagesDir).map(patternOf).filter((p) => !known.has(p));
  assert.deepEqual(missing, []);
});

test('every path in the route tables has its page file', () => {
  const files = new Set(pageFiles(pagesDir).map(patternOf));
  const missing = [...citizenPatterns(), ...Object.values(staffRoutes)].filter((p) => !files.has(p));
  assert.deepEqual(missing, []);
});

test('the English paths mirror the Vietnamese ones: every citizen route has both, English under /en', () => {
  for (const [name, paths] of Object.entries(routes)) {
    assert.ok(paths.vi && !paths.vi.startsWith('/en'), `${name} vi`);
    assert.ok(paths.en.startsWith('/en/'), `${name} en`);
  }
});

test('staffPath fills and escapes the parts and keeps only the query values that are set', () => {
  assert.equal(staffPath('queue'), '/can-bo');
  assert.equal(staffPath('queue', { q: '01-261201-ABC', 'trang-thai': '', 'qua-han': undefined }), '/can-bo?q=01-261201-ABC');
  assert.equal(staffPath('dossier', { code: 'a/b c' }), '/can-bo/ho-so/a%2Fb%20c');
  assert.equal(staffPath('dossierFile', { code: 'X', id: 12 }), '/can-bo/ho-so/X/tep/12');
  assert.equal(staffPath('registryImportProgress', { id: 7 }), '/can-bo/danh-sach/nhap/7/tien-do.json');
  assert.equal(staffPath('adminCalendar', { nam: 2031 }), '/can-bo/quan-tri/lich?nam=2031');
  assert.equal(staffPath('visit', { id: 3 }, { 'da-luu': 1 }), '/can-bo/tiep-cong-dan/3?da-luu=1');
});
