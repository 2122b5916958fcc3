/**
 * Attachments to a dossier, identified by their bytes — never by the file name or the Content-Type the browser sent,
 * both of which the uploader controls.
 */
import { createHash } from 'node:crypto';
import { hasActiveContent } from './pdf-active-content.ts';

/** The types a citizen may attach: scans and photos of documents. */
export type AttachmentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** Per-dossier upload limits. */
export const FILE_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

/** What `safeFileName` returns when nothing usable is left of a name ("attachment"). */
export const FALLBACK_FILE_NAME = 'tep-dinh-kem';

const MAX_NAME_LENGTH = 120;
/** Longest tail after the last dot that is treated as an extension and kept when a name is shortened. */
const MAX_EXTENSION_LENGTH = 10;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PDF_HEADER = [...'%PDF-'].map((c) => c.charCodeAt(0));
const PDF_EOF = [...'%%EOF'].map((c) => c.charCodeAt(0));
/** Readers accept `%%EOF` within the last 1024 bytes (PDF implementations tolerate trailing junk up to there). */
const PDF_EOF_WINDOW = 1024;

const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

function containsFrom(bytes: Uint8Array, needle: readonly number[], from: number): boolean {
  for (let i = Math.max(0, from); i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}

/**
 * The type of a file from its first and last bytes, or null when it is none of the accepted types.
 *
 * PDF is checked strictly: `%PDF-` at offset 0 (the spec lets readers look further in, which is how polyglot files
 * get through) and `%%EOF` within the last 1024 bytes, so a truncated upload is refused too. JPEG: FF D8 FF.
 * PNG: the 8-byte signature.
 */
export function sniffFileType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  if (startsWith(bytes, PDF_HEADER) && containsFrom(bytes, PDF_EOF, bytes.length - PDF_EOF_WINDOW)) {
    return 'application/pdf';
  }
  return null;
}

/** SHA-256 of `bytes`, lowercase hex (to store, deduplicate and prove a file unchanged). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Splits 'name.ext' into ['name', '.ext']; a leading dot or an over-long tail is not an extension. */
function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot - 1 > MAX_EXTENSION_LENGTH || dot === name.length - 1) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/** `stem + extension`, with the stem shortened (by code points, so no half surrogate) to fit MAX_NAME_LENGTH. */
function fit(stem: string, extension: string): string {
  const room = MAX_NAME_LENGTH - [...extension].length;
  const trimmed = [...stem].slice(0, room).join('').trimEnd();
  return trimmed + extension;
}

/**
 * A file name fit for a page and for a Content-Disposition header (still send it as `filename*=UTF-8''…`, percent-
 * encoded: the name keeps its Vietnamese letters).
 *
 * NFC-normalises; drops any directory part (`/` or `\`); turns whitespace into single spaces; removes control and
 * formatting characters (including right-to-left overrides that disguise an extension) and everything but letters,
 * combining marks, digits, space and `.-_()`; trims spaces and dots at both ends (hidden files, Windows); keeps at
 * most 120 characters, shortening the part before the extension. Returns `tep-dinh-kem` when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/gu, ' ')
    .replace(/[^\p{L}\p{M}\p{Nd} .\-_()]/gu, '')
    .replace(/ {2,}/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '');
  if (cleaned === '') return FALLBACK_FILE_NAME;
  const [stem, extension] = splitExtension(cleaned);
  return fit(stem, extension);
}

/**
 * `fileName` with an extension that matches `type`: kept when it already does, replaced when it names another
 * accepted type (a PDF uploaded as 'scan.png' is served as 'scan.pdf'), appended otherwise. The browser and the
 * operating system then open the download with the right program.
 */
function withExtensionFor(fileName: string, type: AttachmentType): string {
  const expected = EXTENSIONS[type];
  const [stem, extension] = splitExtension(fileName);
  const current = extension.slice(1).toLowerCase();
  if (expected.includes(current)) return fileName;
  const namesAnotherType = Object.values(EXTENSIONS).some((list) => list.includes(current));
  return fit(namesAnotherType ? stem : fileName, `.${expected[0]}`);
}

/** A file accepted for storage, with the facts to store alongside it. */
export type AcceptedUpload = {
  ok: true;
  /** From the bytes, not from the request. Serve it with this type and `X-Content-Type-Options: nosniff`. */
  contentType: AttachmentType;
  sha256: string;
  size: number;
  /** `safeFileName` of the uploaded name, with an extension that matches `contentType`. */
  fileName: string;
  /** A PDF with scripts, automatic actions or embedded files: accepted, stored with a flag, shown to staff with a warning. */
  activeContent: boolean;
};

/** Why a file was refused: nothing in it, over `FILE_LIMITS.maxBytes`, or not a PDF/JPEG/PNG by its bytes. */
export type RejectedUpload = { ok: false; reason: 'empty' | 'too_large' | 'type' };

/**
 * Checks one uploaded file against the size limit and the accepted types. The number of files per dossier
 * (`FILE_LIMITS.maxFiles`) is the caller's to check, since it needs the whole request.
 */
export function checkUpload(file: { name: string; bytes: Uint8Array }): AcceptedUpload | RejectedUpload {
  const size = file.bytes.byteLength;
  if (size === 0) return { ok: false, reason: 'empty' };
  if (size > FILE_LIMITS.maxBytes) return { ok: false, reason: 'too_large' };
  const contentType = sniffFileType(file.bytes);
  if (contentType === null) return { ok: false, reason: 'type' };
  return {
    ok: true,
    contentType,
    sha256: sha256Hex(file.bytes),
    size,
    fileName: withExtensionFor(safeFileName(file.name), contentType),
    activeContent: contentType === 'application/pdf' && hasActiveContent(file.bytes),
  };
}
