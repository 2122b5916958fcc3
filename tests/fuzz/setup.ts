/**
 * Before fuzzing: the browsers the fuzzer plays (the demo staff signed in, a throw-away account for the actions that
 * end its own sessions, citizens tracking demo dossiers), then the pages each of them opens, read for their forms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoStaff } from '../../db/seed/demo.ts';
import { procedures } from '../../src/server/catalog/index.ts';
import { formsOf, actionOf } from './forms.ts';
import { Jar, nextIp, send, encodeBody, type Field } from './http.ts';
import type { Template } from './cases.ts';

export interface Browsers {
  base: string;
  jars: Map<string, Jar>;
  /** Staff ids the fuzz must not disable, reset or re-role (the accounts it works as). */
  protectedStaffIds: Set<string>;
  /** The throw-away account's sign-in, to sign it in again after a case signed it out. */
  sink: { email: string; password: string };
  victimId: string;
}

const t = (value: string) => ({ kind: 'text' as const, value });

async function post(base: string, url: string, jar: Jar, fields: [string, string][]) {
  const body = encodeBody(fields.map(([k, v]): Field => [k, t(v)]), 'urlencoded');
  return send(base, { method: 'POST', url, jar, body, ip: nextIp(), origin: 'same' });
}

export async function signIn(base: string, jar: Jar, email: string, password: string): Promise<void> {
  const res = await post(base, '/can-bo/dang-nhap?_action=staffSignIn', jar, [
    ['email', email],
    ['password', password],
  ]);
  if (res.status !== 303) throw new Error(`Sign-in of ${email} answered ${res.status}`);
}

async function get(base: string, url: string, jar?: Jar) {
  return send(base, { method: 'GET', url, jar, ip: nextIp(), origin: 'same' });
}

interface DemoDossier {
  code: string;
  pin: string;
  procedure: string;
  status: string;
  surveyOpen?: true;
}

export async function prepareBrowsers(base: string, dataDir: string): Promise<Browsers & { demo: DemoDossier[] }> {
  const jars = new Map<string, Jar>();
  jars.set('citizen', new Jar());
  for (const s of demoStaff) {
    const jar = new Jar();
    await signIn(base, jar, s.email, s.password);
    jars.set(s.role, jar);
  }
  const sink = { email: 'fuzz-sink@demo.thads.vn', password: 'dau-vao-doc-hai-2026' };
  const admin = jars.get('admin')!;
  for (const email of [sink.email, 'fuzz-victim@demo.thads.vn']) {
    const res = await post(base, '/can-bo/quan-tri/nguoi-dung?_action=adminCreateStaff', admin, [
      ['fullName', 'Tài khoản kiểm thử'],
      ['email', email],
      ['role', 'officer'],
      ['agency', 'HNI'],
      ['password', sink.password],
    ]);
    if (res.status >= 400) throw new Error(`Creating ${email} answered ${res.status}`);
  }
  const sinkJar = new Jar();
  await signIn(base, sinkJar, sink.email, sink.password);
  jars.set('sink', sinkJar);

  const list = (await get(base, '/can-bo/quan-tri/nguoi-dung', admin)).text;
  const ids = [...list.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => ({ row: row[0], id: /tai-khoan=(\d+)/.exec(row[0])?.[1] }));
  const idOf = (email: string) => ids.find((r) => r.row.includes(email))?.id;
  const protectedStaffIds = new Set([...demoStaff.map((s) => idOf(s.email)), idOf(sink.email)].filter((x): x is string => !!x));
  const victimId = idOf('fuzz-victim@demo.thads.vn');
  if (protectedStaffIds.size !== 5 || !victimId) throw new Error('Could not read the staff ids from the administration page');

  const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-dossiers.json'), 'utf8')) as DemoDossier[];
  // Citizens tracking a dossier (the cookie the tracking look-up leaves): one that may be supplemented, one that may
  // be withdrawn, one whose survey is open. Taken before the look-up form is fuzzed, which locks codes with wrong PINs.
  const tracked: Record<string, DemoDossier | undefined> = {
    supplement: demo.find((d) => d.status === 'awaiting_supplement'),
    withdraw: demo.find((d) => d.status === 'submitted' && d.procedure === 'YCTHA'),
    survey: demo.find((d) => d.surveyOpen),
  };
  for (const [role, d] of Object.entries(tracked)) {
    if (!d) throw new Error(`No demo dossier to ${role}`);
    const jar = new Jar();
    const res = await post(base, '/tra-cuu-ho-so?_action=trackDossier', jar, [
      ['code', d.code],
      ['pin', d.pin],
    ]);
    if (res.status !== 303) throw new Error(`Tracking ${d.code} answered ${res.status}`);
    jars.set(`track-${role}`, jar);
  }
  return { base, jars, protectedStaffIds, sink, victimId, demo };
}

const multipartOf = (fields: Field[]) => encodeBody(fields, 'multipart');
const csvFile = (name: string, text: string): Field[1] => ({ kind: 'file', file: { name, type: 'text/csv', bytes: new TextEncoder().encode(text) } });

/**
 * Pages that exist only after something was done: an application's check page (a complete draft in this browser),
 * an enforcement results preview, a checked public-list import. Each is made once here, the way staff and citizens
 * make them, so the forms on those pages are fuzzed too.
 */
async function preparePreviews(b: Browsers): Promise<{ role: string; path: string }[]> {
  const head = b.jars.get('head')!;
  const results = await send(b.base, {
    method: 'POST',
    url: '/can-bo/ket-qua-thi-hanh-an/nhap?_action=resultsImport',
    jar: head,
    body: multipartOf([['file', csvFile('ket-qua.csv', `${RESULTS_HEADER}\nHNI-KV2,2027,30/11/2026,100,50,40,20,10,5,1\n`)]]),
    ip: nextIp(),
    origin: 'same',
  });
  const preview = results.headers.get('location');
  if (results.status !== 303 || !preview) throw new Error(`The results import answered ${results.status}`);

  const registry = await send(b.base, {
    method: 'POST',
    url: '/can-bo/danh-sach/nhap?_action=registryImport',
    jar: head,
    body: multipartOf([
      ['mode', t('dry')],
      ['file', csvFile('danh-sach.csv', `${REGISTRY_HEADER}\n${registryRow}\n`)],
    ]),
    ip: nextIp(),
    origin: 'same',
  });
  const job = registry.headers.get('location');
  if (registry.status !== 303 || !job) throw new Error(`The registry import answered ${registry.status}`);
  for (let i = 0; i < 100; i++) {
    const progress = await get(b.base, `${new URL(job, b.base).pathname}/tien-do.json`, head.clone());
    if (progress.status === 200 && /"(checked|done|failed|clean)"/.test(progress.text) && !/"running"|"queued"/.test(progress.text)) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const drafter = new Jar();
  b.jars.set('drafter', drafter);
  const yctha = procedures.find((p) => p.code === 'YCTHA')!;
  const apply = formsOf((await get(b.base, `/nop-ho-so/${yctha.slug.vi}`, drafter)).text, `/nop-ho-so/${yctha.slug.vi}`).find((f) => actionOf(f) === 'saveApplication')!;
  const fields: Field[] = [];
  for (const f of apply.fields) {
    if (f.type === 'file') fields.push([f.name, { kind: 'file', file: { name: 'tai-lieu.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') } }]);
    else {
      const v = (yctha.example as Record<string, unknown>)[f.name] ?? (f.type === 'hidden' ? f.values[0] : undefined);
      for (const one of v === undefined ? [] : Array.isArray(v) ? v : [v]) fields.push([f.name, t(String(one))]);
    }
  }
  const saved = await send(b.base, { method: 'POST', url: apply.action, jar: drafter, body: multipartOf(fields), ip: nextIp(), origin: 'same' });
  const check = saved.headers.get('location');
  if (saved.status !== 303 || !check) throw new Error(`The example application answered ${saved.status}`);
  return [
    { role: 'head', path: new URL(preview, b.base).pathname },
    { role: 'head', path: new URL(job, b.base).pathname },
    { role: 'drafter', path: new URL(check, b.base).pathname },
  ];
}

const RESULTS_HEADER = 'agency_code,statistical_year,period_end,cases_total,cases_with_conditions,cases_without_conditions,cases_completed,money_total,money_with_conditions,money_completed';
const REGISTRY_HEADER = 'debtor_name,debtor_address,province_code,agency_code,judgment_number,judgment_date,judgment_court,decision_number,decision_date,obligation,reason,reason_detail,verified_on,published_on';
const registryRow = 'Nguyễn Văn Kiểm Thử,"Số 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội",HNI,HNI,45/2023/DS-ST,2023-03-15,Tòa án nhân dân khu vực 1 – Hà Nội,120/QĐ-THADS,2023-05-02,"Trả nợ 150.000.000 đồng",no_means,Không có thu nhập,2026-06-01,2026-06-03';

type PageToRead = { role: string; path: string; follow?: RegExp[] };

/** The pages each browser opens, and links followed once from them (a detail page of each list). */
export function pagesToRead(b: Browsers & { demo: DemoDossier[] }): PageToRead[] {
  const hanoi = b.demo.filter((d) => d.code.startsWith('01-'));
  const denunciation = hanoi.find((d) => d.procedure === 'TC')!;
  const pages: PageToRead[] = [
    { role: 'citizen', path: '/tra-cuu-ho-so' },
    { role: 'citizen', path: '/en/track' },
    { role: 'citizen', path: '/gop-y' },
    { role: 'citizen', path: '/en/feedback' },
    { role: 'citizen', path: '/thong-ke' },
    { role: 'citizen', path: '/en/statistics' },
    { role: 'citizen', path: '/co-quan-thi-hanh-an' },
    { role: 'citizen', path: '/danh-sach-chua-co-dieu-kien-thi-hanh?ten=Nguy%E1%BB%85n', follow: [/\/danh-sach-chua-co-dieu-kien-thi-hanh\/[^"?#]+/] },
    { role: 'citizen', path: '/en/debtors-without-means?ten=Nguyen', follow: [/\/en\/debtors-without-means\/[^"?#]+/] },
    { role: 'citizen', path: '/can-bo/dang-nhap' },
    { role: 'track-supplement', path: '/tra-cuu-ho-so/' + b.demo.find((d) => d.status === 'awaiting_supplement')!.code },
    { role: 'track-withdraw', path: '/tra-cuu-ho-so/' + b.demo.find((d) => d.status === 'submitted' && d.procedure === 'YCTHA')!.code },
    { role: 'track-survey', path: '/tra-cuu-ho-so/' + b.demo.find((d) => d.surveyOpen)!.code, follow: [/\/khao-sat\/[^"?#]+/] },
    ...procedures.map((p) => ({ role: 'citizen', path: `/nop-ho-so/${p.slug.vi}` })),
    { role: 'citizen', path: `/en/apply/${procedures[0]!.slug.en}` },
    ...procedures.map((p) => ({ role: 'reception', path: `/can-bo/tiep-nhan/${p.slug.vi}` })),
    { role: 'sink', path: '/can-bo/tai-khoan' },
    { role: 'admin', path: '/can-bo/quan-tri/nguoi-dung' },
    { role: 'admin', path: `/can-bo/quan-tri/nguoi-dung?tai-khoan=${b.victimId}` },
    { role: 'admin', path: '/can-bo/quan-tri/co-quan?co-quan=HNI' },
    { role: 'admin', path: '/can-bo/quan-tri/lich' },
    { role: 'admin', path: '/can-bo/quan-tri/nhat-ky' },
    { role: 'head', path: `/can-bo/ho-so/${denunciation.code}/nguoi-to-cao` },
    { role: 'head', path: '/can-bo/danh-sach?ten=Nguy%E1%BB%85n', follow: [/\/can-bo\/danh-sach\/(?!them|nhap|xuat)[^"?#/]+/] },
    { role: 'head', path: '/can-bo/danh-sach/them' },
    { role: 'head', path: '/can-bo/danh-sach/nhap' },
    { role: 'reception', path: '/can-bo/tiep-cong-dan', follow: [/\/can-bo\/tiep-cong-dan\/\d+/] },
    { role: 'reception', path: '/can-bo/tiep-cong-dan/them' },
    // The demo's first reception visit (db/seed/reception-demo.ts), corrected.
    { role: 'reception', path: '/can-bo/tiep-cong-dan/1/sua' },
    { role: 'head', path: '/can-bo/ket-qua-thi-hanh-an' },
    { role: 'head', path: '/can-bo/ket-qua-thi-hanh-an/nhap' },
    { role: 'admin', path: '/can-bo/ket-qua-thi-hanh-an/chi-tieu' },
    { role: 'head', path: '/can-bo/khao-sat' },
    { role: 'head', path: '/can-bo/so-lieu' },
    { role: 'head', path: '/can-bo/thong-ke', follow: [/\/can-bo\/thong-ke\/ho-so\?[^"]+/] },
    { role: 'officer', path: '/can-bo' },
  ];
  for (const d of hanoi) for (const role of ['reception', 'officer', 'head']) pages.push({ role, path: `/can-bo/ho-so/${d.code}` });
  return pages;
}

/** Actions that end the session they are posted with: the throw-away account takes them, signed in again after. */
export const SINK_ACTIONS = new Set(['staffSignOutEverywhere', 'staffChangePassword', 'staffEnableTotp', 'staffDisableTotp', 'staffVerifyTwoFactor', 'sign-out']);

/** The route a form counts under: one dossier's, entry's or token's URL stands for all of them. */
export function endpointOf(method: string, action: string): string {
  const url = new URL(action, 'http://portal');
  const route = url.pathname
    .replace(/\/\d{2}-\d{6}-[0-9A-Z]{6}(?=\/|$)/g, '/[code]')
    .replace(/\/khao-sat\/[^/]+$/, '/khao-sat/[token]')
    .replace(/\/(ket-qua-thi-hanh-an|danh-sach)\/nhap\/[^/]+$/, '/$1/nhap/[id]')
    .replace(/\/(danh-sach-chua-co-dieu-kien-thi-hanh|debtors-without-means|can-bo\/danh-sach|can-bo\/tiep-cong-dan)\/(?!them$|nhap$|nhap\/)[^/]+/, '/$1/[id]');
  const name = url.searchParams.get('_action');
  return `${method} ${route}${name ? `?_action=${name}` : ''}`;
}

/** Every form the browsers' pages offer, as templates grouped by endpoint. */
export async function readTemplates(b: Browsers & { demo: DemoDossier[] }): Promise<Map<string, Template[]>> {
  const byEndpoint = new Map<string, Template[]>();
  const seen = new Set<string>();
  const add = (role: string, html: string, pagePath: string) => {
    for (const form of formsOf(html, pagePath)) {
      const action = actionOf(form);
      const isSignOut = form.method === 'POST' && new URL(form.action, 'http://portal').pathname === '/can-bo/dang-xuat';
      const r = isSignOut || (action && SINK_ACTIONS.has(action)) ? 'sink' : role;
      const endpoint = endpointOf(form.method, form.action);
      const key = `${r} ${form.method} ${form.action} ${form.fields.map((f) => `${f.name}=${f.values.join('|')}`).join('&')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byEndpoint.get(endpoint) ?? [];
      list.push({ endpoint, role: r, form });
      byEndpoint.set(endpoint, list);
    }
  };
  // Forms shown only to an account with two-factor on, which the throw-away account is not (turning it on would
  // mean computing codes): as src/views/staff/TwoStepPage.astro and AccountPage.astro render them.
  const twoFactorOnly = [
    { method: 'POST' as const, action: '/can-bo/xac-thuc-2-buoc?_action=staffVerifyTwoFactor', multipart: false, fields: [{ name: 'code', type: 'text', values: ['123456'] }] },
    { method: 'POST' as const, action: '/can-bo/tai-khoan?_action=staffDisableTotp', multipart: false, fields: [{ name: 'password', type: 'password', values: ['sai-mat-khau'] }] },
  ];
  for (const form of twoFactorOnly) byEndpoint.set(endpointOf('POST', form.action), [{ endpoint: endpointOf('POST', form.action), role: 'sink', form }]);
  const pages: PageToRead[] = [...pagesToRead(b), ...(await preparePreviews(b))];
  for (const page of pages) {
    const jar = b.jars.get(page.role)!;
    const res = await get(b.base, page.path, jar.clone());
    if (res.status !== 200) throw new Error(`Reading ${page.path} as ${page.role} answered ${res.status}`);
    add(page.role, res.text, page.path);
    for (const re of page.follow ?? []) {
      const link = re.exec(res.text)?.[0].replace(/&amp;/g, '&');
      if (!link) throw new Error(`No link ${re} on ${page.path}`);
      const detail = await get(b.base, link, jar.clone());
      if (detail.status !== 200) throw new Error(`Reading ${link} as ${page.role} answered ${detail.status}`);
      add(page.role, detail.text, link);
      // A detail page is itself fuzzed through its query string and path.
      const route = endpointOf('GET', link);
      const list = byEndpoint.get(route) ?? [];
      list.push({ endpoint: route, role: page.role, form: { method: 'GET', action: link, multipart: false, fields: [] } });
      byEndpoint.set(route, list);
    }
  }
  return byEndpoint;
}
