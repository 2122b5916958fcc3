/**
 * Whether a PDF carries active content: scripts, actions that run on opening or on events, launched programs,
 * embedded files, rich media or XFA forms. Citizens' scanners and office programs do not make these, but a PDF
 * crafted to attack the staff member who opens it does; such a file is accepted (the citizen is not refused for
 * it) and flagged, so staff open it only in a safe viewer.
 *
 * Only what a reader interprets as objects is looked at: the file outside its streams, and object streams
 * (`/Type /ObjStm`), inflated when FlateDecode. Page content streams and string literals are not, so a letter that
 * merely mentions the word "JavaScript" is not flagged. Names are compared after their `#xx` escapes are decoded
 * (`/J#61vaScript` is `/JavaScript` to a reader).
 */
import zlib from 'node:zlib';

/** Dictionary keys and types that make a PDF do something beyond showing pages. */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'OpenAction', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

/** Files above this are not inflated (uploads are at most 10 MB anyway). */
export const MAX_INSPECTED_BYTES = 10 * 1024 * 1024;
/** All object streams of one file together may inflate to this much; more is treated as a zip bomb. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function isRegular(code: number): boolean {
  return !WHITESPACE.has(code) && !DELIMITERS.has(code);
}

/** `J#61vaScript` → `JavaScript`. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Index just past the literal string that opens at `start` (balanced parentheses, backslash escapes). */
function skipLiteralString(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

type Stream = { dictionary: string; data: string };

/**
 * The names used in `text` (outside strings and comments), and the streams it holds with the dictionary of each.
 * `text` is the file (or an inflated object stream) read as Latin-1, one character per byte.
 */
function lex(text: string): { names: string[]; streams: Stream[] } {
  const names: string[] = [];
  const streams: Stream[] = [];
  let objectStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x28 /* ( */) {
      i = skipLiteralString(text, i);
    } else if (c === 0x25 /* % */) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === 0x2f /* / */) {
      let end = i + 1;
      while (end < text.length && isRegular(text.charCodeAt(end))) end++;
      names.push(decodeName(text.slice(i + 1, end)));
      i = end;
    } else if (isRegular(c)) {
      let end = i + 1;
      while (end < text.length && isRegular(text.charCodeAt(end))) end++;
      const word = text.slice(i, end);
      if (word === 'obj') objectStart = end;
      if (word === 'stream') {
        // The data starts after the end of line that follows the keyword and runs to `endstream`.
        let dataStart = end;
        if (text[dataStart] === '\r') dataStart++;
        if (text[dataStart] === '\n') dataStart++;
        const close = text.indexOf('endstream', dataStart);
        const dataEnd = close === -1 ? text.length : close;
        streams.push({ dictionary: text.slice(objectStart, i), data: text.slice(dataStart, dataEnd) });
        i = close === -1 ? text.length : close + 'endstream'.length;
        continue;
      }
      i = end;
    } else {
      i++;
    }
  }
  return { names, streams };
}

class InflateBudgetExceeded extends Error {}

/** The object stream's objects as text, or null when it is not an object stream or not one this can decode. */
function objectStreamText(stream: Stream, budget: { left: number }): string | null {
  const keys = lex(stream.dictionary).names;
  if (!keys.includes('ObjStm')) return null;
  const filters = keys.filter((n) => n.endsWith('Decode'));
  if (filters.length === 0) return stream.data;
  if (filters.length !== 1 || filters[0] !== 'FlateDecode') return null;
  let inflated: Buffer;
  try {
    inflated = zlib.inflateSync(Buffer.from(stream.data, 'latin1'), {
      maxOutputLength: Math.max(1, budget.left),
      finishFlush: zlib.constants.Z_SYNC_FLUSH, // a stream cut short still yields what it has
    });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateBudgetExceeded();
    return null; // not valid deflate data: no reader gets objects out of it either
  }
  budget.left -= inflated.byteLength;
  return inflated.toString('latin1');
}

/**
 * True when the PDF has active content, or cannot be checked within the limits (over `MAX_INSPECTED_BYTES`, or
 * object streams inflating past `MAX_INFLATED_BYTES`): a file that hides its objects that well is flagged too.
 */
export function hasActiveContent(bytes: Uint8Array): boolean {
  if (bytes.byteLength > MAX_INSPECTED_BYTES) return true;
  const top = lex(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  if (top.names.some((n) => ACTIVE_NAMES.has(n))) return true;
  const budget = { left: MAX_INFLATED_BYTES };
  try {
    for (const stream of top.streams) {
      const text = objectStreamText(stream, budget);
      if (text !== null && lex(text).names.some((n) => ACTIVE_NAMES.has(n))) return true;
    }
  } catch (err) {
    if (err instanceof InflateBudgetExceeded) return true;
    throw err;
  }
  return false;
}
