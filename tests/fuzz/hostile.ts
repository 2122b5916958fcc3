/**
 * Hostile values for the fuzzer: markup and SQL payloads, control and bidirectional characters, invalid UTF-8, huge
 * strings, odd numbers and dates, and uploads that lie about what they are.
 *
 * Every markup payload carries a token starting `xfz` (unique per generated value), so a response can be searched for
 * the payload's dangerous form (`<x-fuzz-xfz…`, `onerror=xfz…`, `javascript:xfz…`) whatever page echoes it, even a
 * later page that shows a value stored by an earlier case. See `liveMarkup` for what counts as live.
 */
import fc from 'fast-check';

/** A value as a form posts it: text, raw bytes (possibly invalid UTF-8), or a file where any field could be. */
export type FormValue = { kind: 'text'; value: string } | { kind: 'bytes'; value: Uint8Array } | { kind: 'file'; file: Upload };

export interface Upload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

let tokenCounter = 0;
/** A token unique within this process run: tells which case wrote a payload that comes back. */
const token = fc.nat().map((n) => `xfz${(++tokenCounter).toString(36)}n${n.toString(36)}`);

/** Markup payloads: each shape is what an attacker tries to break out of text, attributes, textareas and scripts. */
export const markupPayload: fc.Arbitrary<string> = fc
  .tuple(
    token,
    fc.constantFrom(
      (t: string) => `<x-fuzz-${t}>`,
      (t: string) => `"><x-fuzz-${t} a="`,
      (t: string) => `'><x-fuzz-${t}>`,
      (t: string) => `</textarea></title></option></script><x-fuzz-${t}>`,
      (t: string) => `"><img src=x onerror=${t}()>`,
      (t: string) => `' onmouseover='${t}()`,
      (t: string) => `" data-${t}="1`,
      (t: string) => `javascript:${t}()`,
      (t: string) => `JaVaScRiPt:${t}()`,
      (t: string) => `<script>${t}()</script>`,
      (t: string) => `<svg onload=${t}()>`,
      (t: string) => `\u0000<x-fuzz-${t}>`,
      (t: string) => `<!--<x-fuzz-${t}>-->`,
      (t: string) => `]]><x-fuzz-${t}>`,
      (t: string) => `{"a":"</script><x-fuzz-${t}>"}`,
    ),
  )
  .map(([t, f]) => f(t));

/** Header injection: a value that would start a new response header if copied into one unencoded. */
export const headerPayload: fc.Arbitrary<string> = token.map((t) => `a\r\nX-Fuzz-Injected: ${t}\r\nSet-Cookie: fuzz=${t}`);

export const sqlPayload = fc.constantFrom(
  "' OR 1=1--",
  "' OR '1'='1",
  "'; drop table dossiers; --",
  '"; drop table staff_users; --',
  "1; select pg_sleep(5)--",
  "' union select null, version()--",
  "\\'; --",
  '%',
  '_',
  '%_%',
  '\\',
  "$$; drop table agencies; $$",
  "E'\\x00'",
);

/** Control, bidirectional, invisible and line-breaking characters, alone and around ordinary words. */
export const controlPayload = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u0007\u0008\u001b[31m',
  '\u007f',
  '\u202e‮txt.exe',
  'Nguyễn \u202eVăn\u202c A',
  '\u2066\u2067\u2068\u2069',
  '\u200b\u200c\u200d\ufeff',
  '\u2028\u2029',
  '\r\n',
  '\r',
  '\t\t',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\ufffe\uffff',
  ' ',
  '',
);

/** Bytes a browser would never send as UTF-8: lone surrogates, overlong forms, stray continuation bytes. */
export const invalidUtf8 = fc.constantFrom(
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xed, 0xbf, 0xbf),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xe0, 0x80, 0xaf),
  Uint8Array.of(0xff, 0xfe, 0x00),
  Uint8Array.of(0x80, 0x80),
  Uint8Array.of(0x41, 0xf4, 0x90, 0x80, 0x80),
);

/** Numbers, dates and ids as nobody types them. */
export const oddScalar = fc.constantFrom(
  '-1',
  '0',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '0x1F',
  '1,5',
  '1.000.000.000.000.000.000',
  '2099-13-45',
  '0000-00-00',
  '+275760-09-13',
  '2026-02-30',
  '1900-01-01',
  '99:99',
  '24:00',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '01-261123-AAAAA0',
  '00-000000-000000',
);

/** Long values: at the limits the code slices at, and far beyond. */
export const hugeString = fc
  .tuple(fc.constantFrom(201, 255, 2_001, 10_001, 100_000, 1_000_000), fc.constantFrom('A', 'ễ', '<', '%', '😀', '\u0000'))
  .map(([n, c]) => c.repeat(n));

const asText = (a: fc.Arbitrary<string>): fc.Arbitrary<FormValue> => a.map((value) => ({ kind: 'text' as const, value }));

/** Any hostile text (weights: mostly the named payloads, some plain random strings). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: markupPayload, weight: 6 },
  { arbitrary: sqlPayload, weight: 3 },
  { arbitrary: controlPayload, weight: 3 },
  { arbitrary: oddScalar, weight: 3 },
  { arbitrary: headerPayload, weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.tuple(markupPayload, sqlPayload, controlPayload).map((parts) => parts.join(' ')), weight: 2 },
);

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PDF_ACTIVE = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0);
const JPEG = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9);
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new TextEncoder().encode('This program cannot be run in DOS mode.')]);
const HTML = new TextEncoder().encode('<!doctype html><x-fuzz-xfzfile><script>alert(1)</script>');
const CSV = new TextEncoder().encode('a,b,c\n"=cmd|\' /C calc\'!A0",<x-fuzz-xfzcsv>,\'; drop table x; --\n');
/** A valid upload, as a citizen attaches a scanned document. */
export const goodPdf: FormValue = { kind: 'file', file: { name: 'tai-lieu.pdf', type: 'application/pdf', bytes: PDF } };

/** Just over the 10 MB upload limit (src/server/dossiers/files.ts); generated rarely, it is slow to send. */
const OVERSIZED = new Uint8Array(10 * 1024 * 1024 + 1);

/** Uploads that lie: an .exe named .pdf, a PDF labelled as an image, zero bytes, truncated files, odd names. */
export const hostileUpload: fc.Arbitrary<Upload> = fc.record({
  name: fc.oneof(
    fc.constantFrom('tai-lieu.pdf', 'virus.exe.pdf', 'anh.png', 'anh.jpg', 'du-lieu.csv', 'no-extension', '.pdf', 'a.PDF', 'gpj.exe\u202e.pdf', '../../../etc/passwd.pdf', 'con.pdf', ''),
    markupPayload.map((p) => `${p}.pdf`),
    headerPayload.map((p) => `${p}.pdf`),
    fc.constant(`${'ễ'.repeat(5000)}.pdf`),
    fc.string({ maxLength: 40 }).map((s) => `${s}.pdf`),
  ),
  type: fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'application/x-msdownload', 'text/html', 'text/csv', 'application/octet-stream', '', 'image/png; charset=<x>'),
  bytes: fc.oneof(
    { arbitrary: fc.constantFrom(PDF, PDF_ACTIVE, PNG, JPEG, EXE, HTML, CSV, new Uint8Array(0), PDF.subarray(0, 7), PNG.subarray(0, 4)), weight: 40 },
    { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 8 },
    { arbitrary: fc.constant(OVERSIZED), weight: 1 },
  ),
});

/**
 * A value for a field whose good values are `good`: a good one (so the code gets past its first checks), a good one
 * with a payload around it, or anything hostile (including invalid UTF-8 and a file where text was expected).
 */
export function fieldValue(good: fc.Arbitrary<string>): fc.Arbitrary<FormValue> {
  return fc.oneof(
    { arbitrary: asText(good), weight: 10 },
    { arbitrary: asText(fc.tuple(good, markupPayload).map(([g, p]) => `${g}${p}`)), weight: 3 },
    { arbitrary: asText(hostileText), weight: 8 },
    { arbitrary: invalidUtf8.map((value) => ({ kind: 'bytes' as const, value })), weight: 1 },
    { arbitrary: hostileUpload.map((file) => ({ kind: 'file' as const, file })), weight: 1 },
  );
}

/**
 * The markup a response must never contain: the dangerous form of a payload above, unescaped. Escaped (`&lt;x-fuzz`,
 * `&quot; data-xfz`) it is inert, and so is a `<` or `'` inside a double-quoted attribute value (Astro escapes `"` and
 * `&` there, which is all that can end one): those values are blanked before the search, so a payload counts only
 * where it became an element or an attribute of its own. A `javascript:` payload is dangerous inside a URL attribute,
 * so that one is searched for in the raw HTML.
 */
const LIVE = [/<x-fuzz-xfz[0-9a-z]+/i, /<img src=x onerror=xfz/i, /<svg onload=xfz/i, /<script>xfz/i, /["'] data-xfz[0-9a-z]+=/i, /' onmouseover='xfz/i];
const LIVE_URL = /\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:xfz/i;

/** The first live payload in an HTML body, with some context, or null. */
export function liveMarkup(html: string): string | null {
  const around = (text: string, at: number) => text.slice(Math.max(0, at - 80), at + 80);
  const url = LIVE_URL.exec(html);
  if (url) return around(html, url.index);
  const outsideValues = html.replace(/=\s*"[^"]*"/g, '=""');
  for (const re of LIVE) {
    const m = re.exec(outsideValues);
    if (m) return around(outsideValues, m.index);
  }
  return null;
}
