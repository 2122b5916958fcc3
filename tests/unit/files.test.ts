import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { checkUpload, FILE_LIMITS, safeFileName, sha256Hex, sniffFileType } from '../../src/server/dossiers/files.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};

/** A minimal but complete PDF 1.4: header, catalog, pages, xref, trailer, %%EOF. */
const PDF = ascii(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n' +
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'xref\n0 3\n0000000000 65535 f \n0000000015 00000 n \n0000000062 00000 n \n' +
    'trailer <</Size 3 /Root 1 0 R>>\nstartxref\n113\n%%EOF\n',
);
/** PNG signature followed by the start of an IHDR chunk (1×1, 8-bit RGBA). */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00,
]);
/** JPEG SOI + JFIF APP0 segment + EOI. */
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
const HTML = ascii('<!doctype html><html><body><script>alert(1)</script></body></html>\n');

describe('sniffFileType', () => {
  test('recognises PDF, PNG and JPEG by their bytes', () => {
    assert.equal(sniffFileType(PDF), 'application/pdf');
    assert.equal(sniffFileType(PNG), 'image/png');
    assert.equal(sniffFileType(JPEG), 'image/jpeg');
  });

  test('refuses other content, including near-misses', () => {
    assert.equal(sniffFileType(HTML), null);
    assert.equal(sniffFileType(new Uint8Array()), null);
    assert.equal(sniffFileType(PNG.slice(0, 7)), null, 'truncated PNG signature');
    assert.equal(sniffFileType(Uint8Array.from([0xff, 0xd8, 0xfe])), null);
    assert.equal(sniffFileType(ascii('GIF89a')), null);
    assert.equal(sniffFileType(ascii('PK\x03\x04')), null, 'zip / docx');
  });

  test('requires %PDF- at offset 0 and %%EOF in the last 1024 bytes', () => {
    assert.equal(sniffFileType(concat(ascii('<html>'), PDF)), null, 'header not at offset 0 (polyglot)');
    assert.equal(sniffFileType(PDF.slice(0, PDF.length - 10)), null, 'truncated, no %%EOF');
    assert.equal(sniffFileType(ascii('%PDF-1.7\n')), null, 'header only');
    const trailing = (n: number) => concat(PDF, new Uint8Array(n).fill(0x20));
    assert.equal(sniffFileType(trailing(1024 - 6)), 'application/pdf', '%%EOF starts exactly 1024 bytes from the end');
    assert.equal(sniffFileType(trailing(1024 - 5)), null, '%%EOF starts 1025 bytes from the end');
  });
});

describe('sha256Hex', () => {
  test('matches known vectors', () => {
    assert.equal(sha256Hex(new Uint8Array()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex(ascii('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('safeFileName', () => {
  test('keeps Vietnamese names, in NFC', () => {
    assert.equal(safeFileName('Bản án số 12-2025 (phúc thẩm).pdf'), 'Bản án số 12-2025 (phúc thẩm).pdf');
    const nfd = 'Quyết định thi hành án.pdf'.normalize('NFD');
    const result = safeFileName(nfd);
    assert.equal(result, 'Quyết định thi hành án.pdf'.normalize('NFC'));
    assert.equal(result.normalize('NFC'), result);
  });

  test('drops directories, control and formatting characters, and unsafe punctuation', () => {
    assert.equal(safeFileName('../../etc/passwd'), 'passwd');
    assert.equal(safeFileName('C:\\Users\\Lan\\Desktop\\don.pdf'), 'don.pdf');
    assert.equal(safeFileName('a\u0000b\u0007c.pdf'), 'abc.pdf');
    assert.equal(safeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe', 'right-to-left override removed');
    assert.equal(safeFileName('x"; filename="evil.html'), 'x filenameevil.html');
    assert.equal(safeFileName('<b>Đơn</b>.pdf'), 'b.pdf', 'the "/" of a closing tag counts as a directory separator');
    assert.equal(safeFileName('<img src=x onerror=alert(1)>.pdf'), 'img srcx onerroralert(1).pdf');
    assert.equal(safeFileName('đơn\r\nkhiếu   nại\t.pdf'), 'đơn khiếu nại.pdf');
  });

  test('trims spaces and dots at the ends', () => {
    assert.equal(safeFileName('  .htaccess  '), 'htaccess');
    assert.equal(safeFileName('scan.pdf...'), 'scan.pdf');
  });

  test('falls back when nothing is left', () => {
    for (const name of ['', '   ', '...', '/', 'dir/', '***', '\u0000\u202E']) assert.equal(safeFileName(name), 'tep-dinh-kem', name);
  });

  test('keeps at most 120 characters, keeping the extension', () => {
    const long = 'Đ'.repeat(200) + '.jpeg';
    const result = safeFileName(long);
    assert.equal([...result].length, 120);
    assert.ok(result.endsWith('.jpeg'));
    assert.equal(result, 'Đ'.repeat(115) + '.jpeg');
    const exactly = 'a'.repeat(116) + '.pdf';
    assert.equal(safeFileName(exactly), exactly);
    // Astral characters are counted and cut whole, never as half a surrogate pair.
    const astral = safeFileName('𠀀'.repeat(130) + '.pdf');
    assert.equal([...astral].length, 120);
    assert.equal(astral.isWellFormed(), true);
  });
});

describe('checkUpload', () => {
  test('accepts a PDF and reports its type, digest, size and name', () => {
    const result = checkUpload({ name: 'Đơn yêu cầu.pdf', bytes: PDF });
    assert.deepEqual(result, {
      ok: true,
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      size: PDF.length,
      fileName: 'Đơn yêu cầu.pdf',
      activeContent: false,
    });
  });

  test('trusts the bytes, not the name: a PDF renamed .png is a PDF', () => {
    const result = checkUpload({ name: 'scan.png', bytes: PDF });
    assert.ok(result.ok);
    assert.equal(result.contentType, 'application/pdf');
    assert.equal(result.fileName, 'scan.pdf');
  });

  test('gives the name an extension matching the content', () => {
    const name = (n: string, bytes: Uint8Array) => {
      const result = checkUpload({ name: n, bytes });
      assert.ok(result.ok, n);
      return result.fileName;
    };
    assert.equal(name('ảnh.JPG', JPEG), 'ảnh.JPG');
    assert.equal(name('ảnh.jpeg', JPEG), 'ảnh.jpeg');
    assert.equal(name('ảnh', JPEG), 'ảnh.jpg');
    assert.equal(name('Bản án số 12.2025', PNG), 'Bản án số 12.2025.png');
    assert.equal(name('photo.pdf', PNG), 'photo.png');
    assert.equal(name('???', PNG), 'tep-dinh-kem.png');
    assert.equal([...name('x'.repeat(300), PNG)].length, 120);
  });

  test('refuses an HTML file renamed .pdf', () => {
    assert.deepEqual(checkUpload({ name: 'don.pdf', bytes: HTML }), { ok: false, reason: 'type' });
  });

  test('refuses an empty file', () => {
    assert.deepEqual(checkUpload({ name: 'trong.pdf', bytes: new Uint8Array() }), { ok: false, reason: 'empty' });
  });

  test('accepts exactly the limit and refuses one byte more', () => {
    assert.equal(FILE_LIMITS.maxBytes, 10 * 1024 * 1024);
    assert.equal(FILE_LIMITS.maxFiles, 5);
    const atLimit = new Uint8Array(FILE_LIMITS.maxBytes);
    atLimit.set(PNG);
    const result = checkUpload({ name: 'lon.png', bytes: atLimit });
    assert.ok(result.ok);
    assert.equal(result.size, 10_485_760);
    const over = new Uint8Array(FILE_LIMITS.maxBytes + 1);
    over.set(PNG);
    assert.deepEqual(checkUpload({ name: 'lon.png', bytes: over }), { ok: false, reason: 'too_large' });
  });
});
