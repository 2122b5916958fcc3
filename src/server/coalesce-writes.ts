/**
 * Astro streams a rendered page as many small chunks, and Node writes each one to the socket with its own syscall:
 * a search results page was about 60 writes, 1.3 ms of CPU per request (bench/registry.ts, CPU profile). This gathers
 * a response's chunks and writes them in blocks of up to 64 KB, so a typical page leaves in one write while a large
 * download (CSV export, attachments) still streams with bounded memory and honest backpressure.
 */
import type http from 'node:http';

export const COALESCE_BYTES = 64 * 1024;

type WriteCallback = (error?: Error | null) => void;

export function coalesceWrites(res: http.ServerResponse, limit = COALESCE_BYTES): void {
  const write = res.write.bind(res) as (chunk: Buffer, cb?: WriteCallback) => boolean;
  const end = res.end.bind(res) as (cb?: () => void) => http.ServerResponse;
  let chunks: Buffer[] = [];
  let size = 0;
  let callbacks: WriteCallback[] = [];
  const flush = (): boolean => {
    if (size === 0) return true;
    const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    const pending = callbacks;
    chunks = [];
    size = 0;
    callbacks = [];
    return write(data, pending.length ? (err) => pending.forEach((cb) => cb(err)) : undefined);
  };
  const add = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null) return;
    // Like Node's own write queue, a written chunk is kept by reference (a producer must not change it afterwards).
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    chunks.push(buf);
    size += buf.byteLength;
  };
  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const callback = (typeof encoding === 'function' ? encoding : cb) as WriteCallback | undefined;
    add(chunk, encoding);
    if (callback) callbacks.push(callback);
    return size >= limit ? flush() : true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown): http.ServerResponse => {
    const callback = [chunk, encoding, cb].find((a) => typeof a === 'function') as (() => void) | undefined;
    if (typeof chunk !== 'function') add(chunk, encoding);
    flush();
    return end(callback);
  }) as typeof res.end;
}
