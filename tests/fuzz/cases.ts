/**
 * One fuzz case: a form the portal rendered, mutated (fields hostile, missing, repeated or added; the body
 * malformed; sometimes sent cross-site), posted, and every response held to the properties in `checkResponse`.
 */
import fc from 'fast-check';
import { fieldValue, goodPdf, hostileText, hostileUpload, liveMarkup, type FormValue } from './hostile.ts';
import { encodeBody, encodings, nextIp, percentEncode, send, type Encoding, type Field, type Jar, type Received, type Sent } from './http.ts';
import type { FormField, PageForm } from './forms.ts';

/** A form to fuzz, found on a page as `role` sees it (the role's signed-in cookies are sent with every case). */
export interface Template {
  /** The endpoint it counts under in the report (a route, not one dossier's URL). */
  endpoint: string;
  role: string;
  form: PageForm;
}

export interface FieldPlan {
  field: FormField;
  /** The value kept when the case mutates another field only. */
  good: FormValue;
  /** 'keep' the page's value, 'mutate' it, leave it 'out', or 'repeat' it with several values. */
  how: 'keep' | 'mutate' | 'out' | 'repeat';
  values: FormValue[];
}

export interface Case {
  template: number;
  plan: FieldPlan[];
  extra: Field[];
  /** Hostile query parameters added to the form's action (or, for a GET form, among its fields). */
  query: [string, string][];
  encoding: Encoding;
  cut: number;
  crossSite: boolean;
  /** For a page of one dossier, entry or token: a hostile last path segment instead of the real one (or null). */
  segment: string | null;
  /**
   * When set, only this field's plan applies and every other field keeps its good value: one hostile value in an
   * otherwise valid form gets past the first check to the code behind it (a complete application is submitted).
   */
  focus: number | null;
}

/** A plausible value for a field the page left empty, by its type and name (so a case gets past the first check). */
export function goodValues(field: FormField, examples: Record<string, unknown>): string[] {
  const example = examples[field.name];
  if (example !== undefined && example !== null) return (Array.isArray(example) ? example : [example]).map(String);
  const given = field.values.filter((v) => v !== '');
  if (given.length) return given;
  if (/email/i.test(field.name) || field.type === 'email') return ['fuzz@example.com'];
  if (field.type === 'date' || /ngay|date|_on$/i.test(field.name)) return ['2026-01-15'];
  if (field.type === 'time' || /time/i.test(field.name)) return ['09:30'];
  if (field.type === 'number' || /count|year|nam/i.test(field.name)) return ['3'];
  if (field.type === 'tel' || /phone/i.test(field.name)) return ['0912345678'];
  return ['Nguyễn Văn An'];
}

const text = (value: string): FormValue => ({ kind: 'text', value });

function planOf(field: FormField, examples: Record<string, unknown>): fc.Arbitrary<FieldPlan> {
  const good = goodValues(field, examples);
  const goodArb = fc.constantFrom(...good);
  const kept: FormValue = field.type === 'file' ? goodPdf : text(good[0]!);
  const valueArb = field.type === 'file' ? hostileUpload.map((file): FormValue => ({ kind: 'file', file })) : fieldValue(goodArb);
  return fc.oneof(
    { arbitrary: (field.type === 'file' ? fc.constant('') : goodArb).map((v): FieldPlan => ({ field, good: kept, how: 'keep', values: [field.type === 'file' ? goodPdf : text(v)] })), weight: 6 },
    { arbitrary: valueArb.map((v): FieldPlan => ({ field, good: kept, how: 'mutate', values: [v] })), weight: 4 },
    { arbitrary: fc.constant<FieldPlan>({ field, good: kept, how: 'out', values: [] }), weight: 1 },
    { arbitrary: fc.array(valueArb, { minLength: 2, maxLength: 4 }).map((values): FieldPlan => ({ field, good: kept, how: 'repeat', values })), weight: 1 },
  );
}

const extraName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'q-', 'q-__proto__', 'cases.HNI', 'money.X', 'file', 'files', '_action', 'channel', 'procedure', 'code', 'draft', 'op', 'token', ''),
  hostileText.map((s) => s.slice(0, 200)),
);

/** Every case a template can produce. */
export function caseOf(templates: Template[], examples: (t: Template) => Record<string, unknown>): fc.Arbitrary<Case> {
  return fc.integer({ min: 0, max: templates.length - 1 }).chain((i) => {
    const t = templates[i]!;
    const multipart = t.form.method === 'POST' && t.form.multipart;
    return fc.record({
      template: fc.constant(i),
      plan: fc.tuple(...t.form.fields.map((f) => planOf(f, examples(t)))).map((p) => p as FieldPlan[]),
      extra: fc.array(fc.tuple(extraName, fieldValue(fc.constant('1'))), { maxLength: 3 }),
      query: fc.oneof(
        { arbitrary: fc.constant<[string, string][]>([]), weight: 8 },
        { arbitrary: fc.array(fc.tuple(fc.constantFrom('tiep', 'nam', 'tai-khoan', 'co-quan', 'trang', 'code', 'lydo', 'xong', 'da-thuc-hien', 'second', 'ten', 'dia-chi'), hostileText), { minLength: 1, maxLength: 2 }), weight: 2 },
      ),
      encoding: t.form.method === 'GET' ? fc.constant<Encoding>('urlencoded') : multipart ? encodings : encodings.map((e) => (e === 'multipart' ? 'urlencoded' : e)),
      cut: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      crossSite: t.form.method === 'POST' ? fc.integer({ min: 0, max: 29 }).map((n) => n === 0) : fc.constant(false),
      segment: t.form.method === 'GET' && t.form.fields.length === 0 ? fc.option(hostileText, { freq: 2 }) : fc.constant(null),
      focus: t.form.fields.length ? fc.option(fc.nat(t.form.fields.length - 1), { freq: 2 }) : fc.constant(null),
    });
  });
}

/** The case's fields in order, as a browser would post them. */
export function fieldsOf(c: Case): Field[] {
  const out: Field[] = [];
  c.plan.forEach((p, i) => {
    const values = c.focus === null || c.focus === i ? p.values : [p.good];
    for (const v of values) out.push([p.field.name, v]);
  });
  return [...out, ...c.extra];
}

/** The request a case makes, from its template; the same-origin headers unless the case is a cross-site one. */
export function requestOf(c: Case, t: Template, jar: Jar | undefined): Sent {
  const url = new URL(t.form.action, 'http://portal');
  if (c.segment !== null) url.pathname = url.pathname.replace(/[^/]+$/, percentEncoded(c.segment.slice(0, 3000)));
  for (const [k, v] of c.query) url.searchParams.append(k, v);
  const fields = fieldsOf(c);
  if (t.form.method === 'GET') {
    for (const [k, v] of fields) url.searchParams.append(k, v.kind === 'text' ? v.value : v.kind === 'file' ? v.file.name : Buffer.from(v.value).toString('latin1'));
  }
  // Past Node's 16 KB limit on a request's head the server answers 431 (some cases do); an address of megabytes,
  // which no browser sends, makes Node close the connection while the client still writes: not the portal's code.
  // Cut between parameters: a cut inside one can leave half a UTF-8 sequence, which the router refuses (400) before
  // any of the portal's code runs.
  if (url.search.length > MAX_QUERY) url.search = url.search.slice(0, Math.max(0, url.search.lastIndexOf('&', MAX_QUERY)));
  if (t.form.method === 'GET') {
    return { method: 'GET', url: url.pathname + url.search, jar, ip: nextIp(), origin: 'same' };
  }
  return { method: 'POST', url: url.pathname + url.search, body: encodeBody(fields, c.encoding, c.cut), jar, ip: nextIp(), origin: c.crossSite ? 'cross' : 'same' };
}

const MAX_QUERY = 12 * 1024;
/** `security.actionBodySizeLimit` in astro.config.mjs. */
const BODY_LIMIT = 51 * 1024 * 1024;

/** A path segment of any text (a lone surrogate as U+FFFD, where encodeURIComponent throws). */
const percentEncoded = (s: string) => percentEncode(Buffer.from(s, 'utf8'));

export class PropertyFailure extends Error {}

/**
 * The properties of every response: an answer (no reset), never 5xx, 403 for a cross-site post, no payload as live
 * markup in HTML, no header or cookie made from a payload.
 */
export function checkResponse(sent: Sent, got: Received): void {
  const where = `${sent.method} ${sent.url.slice(0, 300)}`;
  const size = sent.body?.bytes.length ?? 0;
  // A body over the limit is refused (413) before it is read; Node then closes the connection while the client
  // still writes, so the client may see the socket closed instead of the answer. Any smaller body must be answered.
  if (got.networkError && size > BODY_LIMIT) return;
  if (got.networkError) throw new PropertyFailure(`${where}: no answer (${got.networkError}; body ${size} bytes)`);
  if (got.status >= 500 || got.status < 200) throw new PropertyFailure(`${where}: status ${got.status}\n${got.text.slice(0, 600)}`);
  if (sent.origin === 'cross' && got.status !== 403) throw new PropertyFailure(`${where}: cross-site post answered ${got.status}, not 403`);
  if (/text\/html/i.test(got.contentType)) {
    const live = liveMarkup(got.text);
    if (live) throw new PropertyFailure(`${where}: payload came back as live markup: …${live}…`);
  }
  for (const [name, value] of got.headers) {
    if (/x-fuzz-injected/i.test(name) || /xfz/.test(name)) throw new PropertyFailure(`${where}: a payload made the response header ${name}: ${value}`);
  }
  if (got.headers.getSetCookie().some((c) => /^\s*fuzz=/i.test(c))) throw new PropertyFailure(`${where}: a payload set a cookie`);
}

export { send };
