import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

// A cycle makes what a module sees at load time depend on which module of the ring was imported first: a constant
// read before the module defining it has run is a TDZ error in one entry point and fine in another.
const root = path.resolve(import.meta.dirname, '../..');
const DIRS = ['src', 'db', 'scripts'];
const SOURCE = /\.(ts|tsx|astro)$/;

/**
 * Cycles known and kept, each as its modules in the order the walk meets them from the first (sorted) one; a new
 * cycle, or one of these grown, still fails.
 */
const KNOWN: string[][] = [];

// `import … from`, `export … from`, a bare `import '…'` and `import('…')`, relative only: packages cannot import us.
// Type-only imports are left out: TypeScript erases them, so they order nothing at load time.
const IMPORT = /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The script of an .astro file: its frontmatter and its <script> elements, which the bundle imports as well. */
function code(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return text;
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [front, ...scripts].join('\n');
}

function importsOf(file: string): string[] {
  const found = new Set<string>();
  // Comments may quote an import; they import nothing.
  const text = code(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of text.matchAll(IMPORT)) {
    if (m[1]) continue;
    const target = path.resolve(path.dirname(file), m[2] ?? m[3]!);
    if (SOURCE.test(target) && fs.existsSync(target)) found.add(target);
  }
  return [...found];
}

/** Each elementary cycle once, rotated to start at its smallest module (Tarjan's components, then a walk in each). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const nodes = [...graph.keys()].sort();
  for (const start of nodes) {
    // Cycles through `start` over modules after it only: each cycle is found from its smallest module, once.
    const stack: string[] = [start];
    const onStack = new Set(stack);
    const walk = (node: string) => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          const ring = [...stack];
          found.set(ring.join('\n'), ring);
        } else if (next > start && !onStack.has(next) && stack.length < 12) {
          stack.push(next);
          onStack.add(next);
          walk(next);
          onStack.delete(next);
          stack.pop();
        }
      }
    };
    walk(start);
  }
  return [...found.values()];
}

test('no import cycles in src/, db/ and scripts/', () => {
  const graph = new Map<string, string[]>();
  for (const dir of DIRS) for (const file of sources(path.join(root, dir))) graph.set(file, importsOf(file));
  assert.ok(graph.size > 100, `only ${graph.size} modules found`);
  const rel = (ring: string[]) => ring.map((f) => path.relative(root, f));
  const known = new Set(KNOWN.map((ring) => ring.join('\n')));
  const found = cycles(graph).map(rel);
  const unexpected = found.filter((ring) => !known.has(ring.join('\n')));
  assert.deepEqual(unexpected, [], `import cycles:\n${unexpected.map((ring) => [...ring, ring[0]].join(' → ')).join('\n')}`);
  // A cycle fixed is taken off the list, so the list stays what it says.
  const gone = KNOWN.filter((ring) => !found.some((f) => f.join('\n') === ring.join('\n')));
  assert.deepEqual(gone, [], 'known cycles no longer found: remove them from KNOWN');
});
