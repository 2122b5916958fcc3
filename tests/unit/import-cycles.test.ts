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
 * Import rings known and kept, each as the sorted modules of its group (paths from the repository's root), with a
 * comment naming it; a new ring, or one of these grown by a module, still fails.
 */
const KNOWN: string[][] = [];

// `import … from`, `export … from`, a bare `import '…'` and `import('…')`, relative only: a package cannot import
// back into the project, so it closes no ring. Type-only imports are left out: TypeScript erases them, so they order
// nothing at load time.
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

/**
 * The modules that import one another round a ring, each group once (Tarjan's strongly connected components): listing
 * every elementary ring instead could take exponential time, and one ring per group says where to cut.
 */
function tangles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let m = stack.pop()!; ; m = stack.pop()!) {
      onStack.delete(m);
      group.push(m);
      if (m === node) break;
    }
    if (group.length > 1 || graph.get(node)?.includes(node)) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** A shortest ring through the group's first module, to show in the failure. */
function ring(graph: Map<string, string[]>, group: string[]): string[] {
  const inGroup = new Set(group);
  const from = new Map<string, string>();
  const queue = [group[0]!];
  for (const node of queue) {
    for (const next of graph.get(node) ?? []) {
      if (next === group[0]) {
        const path = [node];
        while (path[0] !== group[0]) path.unshift(from.get(path[0]!)!);
        return path;
      }
      if (inGroup.has(next) && !from.has(next)) {
        from.set(next, node);
        queue.push(next);
      }
    }
  }
  return group;
}

test('no import cycles in src/, db/ and scripts/', () => {
  const graph = new Map<string, string[]>();
  for (const dir of DIRS) for (const file of sources(path.join(root, dir))) graph.set(file, importsOf(file));
  assert.ok(graph.size > 100, `only ${graph.size} modules found`);
  const rel = (files: string[]) => files.map((f) => path.relative(root, f));
  const key = (files: string[]) => files.join('\n');
  const known = new Set(KNOWN.map(key));
  const groups = tangles(graph);
  const unexpected = groups.filter((group) => !known.has(key(rel(group))));
  const shown = unexpected.map((group) => {
    const r = rel(ring(graph, group));
    return `${[...r, r[0]].join(' → ')}${group.length > r.length ? ` (and ${rel(group).filter((f) => !r.includes(f)).join(', ')} in the same tangle)` : ''}`;
  });
  assert.deepEqual(shown, [], `import cycles:\n${shown.join('\n')}`);
  // A ring fixed is taken off the list, so the list stays what it says.
  const found = new Set(groups.map((group) => key(rel(group))));
  const gone = KNOWN.filter((group) => !found.has(key(group)));
  assert.deepEqual(gone, [], 'known import cycles no longer found: take them off KNOWN');
});
