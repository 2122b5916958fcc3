// Where a server's CPU went during the last seconds of a `node --cpu-prof` profile (`npm run bench -- --cpu-prof
// DIR --only <page>`, then `node bench/profile-summary.ts DIR [seconds]`): self time by file and by function, and
// inclusive time by function, over the measured window only (start-up and the demo seed are left out).
import fs from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = process.argv[2] ?? 'bench/results/prof';
const windowS = Number(process.argv[3] ?? 5);
const newest = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!newest) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(fs.readFileSync(newest, 'utf8')) as Profile;
const root = path.resolve(import.meta.dirname, '..');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// The window ends before the server's own shutdown (0.3 s) and spans the last page measured.
const to = profile.endTime - 300_000;
const from = to - windowS * 1_000_000;
const self = new Map<number, number>();
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t >= from && t <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (n: Node) => (n.callFrame.url || '(native)').replace(`file://${root}/`, '');
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;

const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  byFile.set(where(node), (byFile.get(where(node)) ?? 0) + us);
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    seen.add(l);
  }
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
console.log(`${path.basename(newest)}: ${(total / 1e6).toFixed(1)} s of samples in the last ${windowS} s`);
console.log(`\nself time by file\n${top(byFile, 12)}\n\nself time by function\n${top(byFunction, 25)}\n\ninclusive time\n${top(inclusive, 60)}`);
