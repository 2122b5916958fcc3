/**
 * The fuzzer's HTTP side: bodies encoded by hand (so they can also be malformed on purpose), a cookie jar per
 * browser, and one request that reports everything the properties look at.
 */
import fc from 'fast-check';
import type { FormValue } from './hostile.ts';

export type Field = [name: string, value: FormValue];

/** How a case's fields travel: as a browser sends them, or broken in one of the ways a client can break them. */
export type Encoding =
  | 'multipart'
  | 'urlencoded'
  | 'multipart-wrong-boundary'
  | 'multipart-truncated'
  | 'multipart-no-final-boundary'
  | 'multipart-no-boundary-param'
  | 'multipart-long-boundary'
  | 'multipart-bad-part-headers'
  | 'json'
  | 'text-plain'
  | 'no-content-type'
  | 'empty';

export const encodings: fc.Arbitrary<Encoding> = fc.oneof(
  { arbitrary: fc.constant<Encoding>('multipart'), weight: 12 },
  { arbitrary: fc.constant<Encoding>('urlencoded'), weight: 8 },
  {
    arbitrary: fc.constantFrom<Encoding>(
      'multipart-wrong-boundary',
      'multipart-truncated',
      'multipart-no-final-boundary',
      'multipart-no-boundary-param',
      'multipart-long-boundary',
      'multipart-bad-part-headers',
      'json',
      'text-plain',
      'no-content-type',
      'empty',
    ),
    weight: 5,
  },
);

const enc = new TextEncoder();

function bytesOf(v: FormValue): Uint8Array {
  if (v.kind === 'text') return enc.encode(v.value);
  if (v.kind === 'bytes') return v.value;
  return v.file.bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A quoted header parameter as browsers write it (quotes and line breaks percent-encoded, per the HTML standard). */
const quoted = (s: string) => `"${s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

function multipart(fields: Field[], boundary: string, opts: { final?: boolean; badHeaders?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of fields) {
    parts.push(enc.encode(`--${boundary}\r\n`));
    if (opts.badHeaders) parts.push(enc.encode(`Content-Dispositio: form-data name=${name}\r\n\r\n`));
    else if (value.kind === 'file') {
      parts.push(enc.encode(`Content-Disposition: form-data; name=${quoted(name)}; filename=${quoted(value.file.name)}\r\nContent-Type: ${value.file.type.replace(/[\r\n]/g, '')}\r\n\r\n`));
    } else parts.push(enc.encode(`Content-Disposition: form-data; name=${quoted(name)}\r\n\r\n`));
    parts.push(bytesOf(value), enc.encode('\r\n'));
  }
  if (opts.final !== false) parts.push(enc.encode(`--${boundary}--\r\n`));
  return concat(parts);
}

/** Bytes percent-encoded but for letters, digits and `*-._` (any bytes: invalid UTF-8 travels as it is). */
export const percentEncode = (b: Uint8Array) =>
  Array.from(b, (x) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(x)) ? String.fromCharCode(x) : `%${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** application/x-www-form-urlencoded: a file travels as its name (as a browser sends a file input in such a form). */
function urlencoded(fields: Field[]): Uint8Array {
  return enc.encode(fields.map(([n, v]) => `${percentEncode(enc.encode(n))}=${percentEncode(v.kind === 'file' ? enc.encode(v.file.name) : bytesOf(v))}`).join('&'));
}

export interface Body {
  contentType: string | null;
  bytes: Uint8Array;
}

/** The body of `fields` in `encoding`; `cut` (0..1) chooses where a truncated body stops. */
export function encodeBody(fields: Field[], encoding: Encoding, cut = 0.5): Body {
  const boundary = '----fuzzBoundary7MA4YWxkTrZu0gW';
  switch (encoding) {
    case 'multipart':
      return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: multipart(fields, boundary) };
    case 'urlencoded':
      return { contentType: 'application/x-www-form-urlencoded', bytes: urlencoded(fields) };
    case 'multipart-wrong-boundary':
      return { contentType: `multipart/form-data; boundary=other${boundary}`, bytes: multipart(fields, boundary) };
    case 'multipart-truncated': {
      const whole = multipart(fields, boundary);
      return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: whole.subarray(0, Math.floor(whole.length * cut)) };
    }
    case 'multipart-no-final-boundary':
      return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: multipart(fields, boundary, { final: false }) };
    case 'multipart-no-boundary-param':
      return { contentType: 'multipart/form-data', bytes: multipart(fields, boundary) };
    case 'multipart-long-boundary': {
      const long = 'b'.repeat(200);
      return { contentType: `multipart/form-data; boundary=${long}`, bytes: multipart(fields, long) };
    }
    case 'multipart-bad-part-headers':
      return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: multipart(fields, boundary, { badHeaders: true }) };
    case 'json':
      return { contentType: 'application/json', bytes: enc.encode(JSON.stringify(Object.fromEntries(fields.map(([n, v]) => [n, v.kind === 'text' ? v.value : null])))) };
    case 'text-plain':
      return { contentType: 'text/plain', bytes: enc.encode(fields.map(([n, v]) => `${n}=${v.kind === 'text' ? v.value : ''}`).join('\r\n')) };
    case 'no-content-type':
      return { contentType: null, bytes: urlencoded(fields) };
    case 'empty':
      return { contentType: 'application/x-www-form-urlencoded', bytes: new Uint8Array(0) };
  }
}

/** The cookies one browser holds (name → value), updated from every response. */
export class Jar {
  readonly cookies = new Map<string, string>();
  header(): string | undefined {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  clone(): Jar {
    const copy = new Jar();
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }
}

export interface Sent {
  method: 'GET' | 'POST';
  /** Path and query, already encoded. */
  url: string;
  body?: Body;
  jar?: Jar;
  /**
   * 'same': Origin and Sec-Fetch-Site as a browser sends them on a form post from the portal's own page; 'cross': as
   * from another site's page (the portal must refuse with 403 before anything runs).
   */
  origin: 'same' | 'cross';
  /** A per-request client address (the server runs with TRUST_PROXY=1). */
  ip: string;
}

export interface Received {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** Set when the connection failed (reset, closed without a response). */
  networkError?: string;
}

let ipCounter = 0;
/** A fresh client address per request, so per-address limits see many citizens (they are not switched off). */
export function nextIp(): string {
  const n = ++ipCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function send(base: string, req: Sent): Promise<Received> {
  const headers: Record<string, string> = { 'X-Forwarded-For': req.ip, 'User-Agent': 'thads-fuzz' };
  headers.Origin = req.origin === 'same' ? base : 'https://evil.example';
  headers['Sec-Fetch-Site'] = req.origin === 'same' ? 'same-origin' : 'cross-site';
  const cookie = req.jar?.header();
  if (cookie) headers.Cookie = cookie;
  if (req.body?.contentType) headers['Content-Type'] = req.body.contentType;
  try {
    const res = await fetch(base + req.url, { method: req.method, headers, body: req.method === 'POST' ? Buffer.from(req.body?.bytes ?? new Uint8Array(0)) : undefined, redirect: 'manual' });
    req.jar?.take(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', text };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, headers: new Headers(), contentType: '', text: '', networkError: `${(err as Error).message}: ${cause?.code ?? cause?.message ?? ''}` };
  }
}
