/**
 * The built files (dist/client: prerendered pages, /_astro assets, public/) served before the portal's pages. The
 * node adapter's own static handler asks the file system about every request, a page included (an lstat and a
 * failed stat through `send`: a tenth of a small page's CPU); the set of files is known when the server starts, so
 * only a request for one of them touches the disk. The small text files among them (every prerendered page, style
 * sheet and script: a few hundred kilobytes in all) are read once and answered from memory, with their validators:
 * the build never changes under a running server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import send from 'send';

/** Built assets carry their content's hash in their name: browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** What the adapter (through `send`) answered for every other file: use it, but ask again each time. */
const REVALIDATE = 'public, max-age=0';
/** Kept in memory below this size, if its type is one of these. */
const IN_MEMORY_BYTES = 256 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

interface InMemory {
  body: Buffer;
  type: string;
  etag: string;
  lastModified: string;
}

function inMemory(file: string): InMemory | null {
  const type = TYPES[path.extname(file)];
  const stat = fs.statSync(file);
  if (!type || stat.size > IN_MEMORY_BYTES) return null;
  const body = fs.readFileSync(file);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, lastModified: stat.mtime.toUTCString() };
}

function answer(req: http.IncomingMessage, res: http.ServerResponse, file: InMemory, cacheControl: string) {
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', file.etag);
  res.setHeader('Last-Modified', file.lastModified);
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** URL path → file under `root`: every file by its own path, and each `…/index.html` also as `…` and `…/`. */
export function builtFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.')) continue; // as the adapter: dotfiles are not served
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) {
        files.set(`/${rel}`, rel);
        if (entry.name === 'index.html') {
          const at = dir ? `/${dir}` : '';
          files.set(at || '/', rel);
          if (at) files.set(`${at}/`, rel);
        }
      }
    }
  };
  walk('');
  return files;
}

/**
 * A request handler for the built files in `root`: answers and returns true for a GET or HEAD of one of them,
 * returns false (having done nothing) for anything else.
 */
export function staticFiles(root: string, assetsDir = '_astro'): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const files = builtFiles(root);
  const assets = `/${assetsDir}/`;
  const kept = new Map<string, InMemory>();
  for (const file of new Set(files.values())) {
    const found = inMemory(path.join(root, file));
    if (found) kept.set(file, found);
  }
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const end = url.search(/[?#]/);
    let pathname = end >= 0 ? url.slice(0, end) : url;
    try {
      pathname = decodeURI(pathname);
    } catch {
      return false;
    }
    const file = files.get(pathname);
    if (file === undefined) return false;
    const small = kept.get(file);
    if (small) {
      answer(req, res, small, pathname.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      return true;
    }
    const stream = send(req, `/${file}`, { root, dotfiles: 'deny', index: false });
    stream.on('stream', () => {
      if (pathname.startsWith(assets)) res.setHeader('Cache-Control', IMMUTABLE);
    });
    stream.on('error', (err: { statusCode?: number }) => {
      res.statusCode = err.statusCode ?? 500;
      res.end();
    });
    stream.pipe(res);
    return true;
  };
}
