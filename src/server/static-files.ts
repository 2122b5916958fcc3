/**
 * The built files (dist/client: prerendered pages, /_astro assets, public/) served before the portal's pages. The
 * node adapter's own static handler asks the file system about every request, a page included (an lstat and a
 * failed stat through `send`: a tenth of a small page's CPU); the set of files is known when the server starts, so
 * only a request for one of them touches the disk.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import send from 'send';

/** Built assets carry their content's hash in their name: browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

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
