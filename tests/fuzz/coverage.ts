/**
 * What the fuzzer must reach, read from the source: every Astro action defined in src/actions, and every page route
 * that answers POST itself (an `export const POST` endpoint, or a page whose loader reads a posted form). A new
 * action or POST route that no fuzzed page offers a form for stops the run, so the suite cannot fall behind the code.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The action names (`name: defineAction(`) and POST routes (`POST /path`), as the fuzzer's endpoints name them. */
export function fuzzTargets(): string[] {
  const actions = filesUnder(path.join(root, 'src/actions'))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/^\s+(\w+): defineAction\(/gm)].map((m) => m[1]!));
  const pagesDir = path.join(root, 'src/pages');
  const routes = filesUnder(pagesDir)
    .filter((f) => /export (const|async function) POST\b/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => `/${path.relative(pagesDir, f).replace(/\.(ts|astro)$/, '').replace(/\/index$/, '')}`);
  // Pages posting to themselves: their loaders (src/loaders) read the request's form.
  const selfPosting = filesUnder(path.join(root, 'src/loaders'))
    .filter((f) => /request\.method === 'POST'/.test(fs.readFileSync(f, 'utf8')))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/Loader of `([^`]+)`/g)].map((m) => m[1]!.replace(/<(\w+)>/g, '[$1]')));
  return [...actions, ...[...routes, ...selfPosting].map((r) => `POST ${r}`)];
}

