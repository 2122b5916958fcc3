import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { checkUpload } from '../../src/server/dossiers/files.ts';
import { hasActiveContent } from '../../src/server/dossiers/pdf-active-content.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A PDF from its numbered objects' bodies (strings or raw bytes); offsets in the xref do not matter to the check. */
function pdf(...objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  objects.forEach((body, i) => parts.push(latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')));
  parts.push(latin1('trailer\n<< /Root 1 0 R /Size 10 >>\nstartxref\n0\n%%EOF\n'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream object: its dictionary entries, then the data. */
function stream(dictionary: string, data: Buffer): Buffer {
  return Buffer.concat([latin1(`<< ${dictionary} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);
}

const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';
const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>';
const TEXT = latin1('BT /F1 12 Tf 72 720 Td (Please enable /JavaScript: JavaScript, OpenAction, Launch) Tj ET');

describe('hasActiveContent', () => {
  test('a plain one-page PDF has none', () => {
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, stream('', latin1('BT (Don yeu cau) Tj ET')))), false);
  });

  test('a letter whose text mentions JavaScript, plainly or compressed, and whose title does, has none', () => {
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, stream('', TEXT))), false);
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, stream('/Filter /FlateDecode', zlib.deflateSync(TEXT)))), false);
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, '<< /Title (About /JavaScript \\(and /JS\\)) >>')), false);
  });

  test('a script run on opening is found', () => {
    const open = '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>';
    assert.equal(hasActiveContent(pdf(open, PAGES, PAGE)), true);
  });

  test('each kind of active content is found on its own', () => {
    for (const entry of ['/AA << /O 9 0 R >>', '/S /Launch /F (cmd.exe)', '/Type /EmbeddedFile', '/Names << /EmbeddedFiles 9 0 R >>', '/RichMedia 9 0 R', '/AcroForm << /XFA 9 0 R >>', '/JS 9 0 R']) {
      assert.equal(hasActiveContent(pdf(CATALOG, PAGES, `<< /Type /Page ${entry} >>`)), true, entry);
    }
  });

  test('names hidden by #xx escapes are found', () => {
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, '<< /S /J#61vaScript /J#53 (x) >>')), true);
    assert.equal(hasActiveContent(pdf('<< /Type /Catalog /#4f#70#65#6E#41ction 5 0 R >>', PAGES)), true);
  });

  test('an action inside a compressed object stream is found', () => {
    const objects = latin1('5 0 << /S /JavaScript /JS (app.launchURL\\("http://x"\\)) >>');
    const objStm = stream(`/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`, zlib.deflateSync(objects));
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, objStm)), true);
    // The same object stream with its type written with escapes.
    const escaped = stream(`/Type /Obj#53tm /N 1 /First 4 /Filter /Fl#61teDecode`, zlib.deflateSync(objects));
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, escaped)), true);
    // A clean object stream is clean.
    const clean = stream(`/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`, zlib.deflateSync(latin1('5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')));
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, clean)), false);
  });

  test('an object stream that inflates past the limit (a zip bomb) is flagged without inflating it whole', () => {
    const bomb = stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', zlib.deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20)));
    assert.ok(bomb.length < 100_000);
    assert.equal(hasActiveContent(pdf(CATALOG, PAGES, PAGE, bomb)), true);
  });

  test('checkUpload accepts a PDF with active content and flags it; images are never flagged', () => {
    const result = checkUpload({ name: 'don.pdf', bytes: pdf('<< /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>') });
    assert.ok(result.ok);
    assert.equal(result.activeContent, true);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...latin1('/JavaScript')]);
    const image = checkUpload({ name: 'anh.png', bytes: png });
    assert.ok(image.ok);
    assert.equal(image.activeContent, false);
  });
});
