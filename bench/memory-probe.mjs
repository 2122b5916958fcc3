// Preloaded with --import: on SIGUSR2 writes a memory breakdown of this process to $PROBE_OUT/<n>.json.
if (process.env.PROBE_V8F) (await import('node:v8')).default.setFlagsFromString(process.env.PROBE_V8F);
import fs from 'node:fs';
import v8 from 'node:v8';
const memories = [];
const Orig = WebAssembly.Memory;
WebAssembly.Memory = new Proxy(Orig, { construct(t, args) { const m = Reflect.construct(t, args); memories.push({ m: new WeakRef(m), desc: JSON.stringify(args[0]), stack: new Error().stack.split('\n').slice(2,6).join(' | ') }); return m; } });
const origInst = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...a) {
  const r = await origInst.apply(this, a);
  const inst = r.instance ?? r;
  for (const [k, v] of Object.entries(inst.exports ?? {})) if (v instanceof Orig && !memories.some((x) => x.m.deref() === v)) memories.push({ m: new WeakRef(v), desc: 'exported ' + k, stack: new Error().stack.split('\n').slice(2,6).join(' | ') });
  return r;
};
function smaps() {
  const text = fs.readFileSync('/proc/self/smaps', 'utf8');
  const cats = {};
  let cur = null;
  const add = (cat, rss, size) => { const c = (cats[cat] ??= { rssKiB: 0, sizeKiB: 0, n: 0 }); c.rssKiB += rss; c.sizeKiB += size; c.n++; };
  const maps = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) { cur = { name: m[4] || '[anon]', perms: m[3], size: 0, rss: 0 }; maps.push(cur); continue; }
    const k = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    if (k && cur) { if (k[1] === 'Size') cur.size = +k[2]; else cur.rss = +k[2]; }
  }
  for (const mp of maps) {
    let cat = mp.name;
    if (cat === '[anon]') cat = mp.size >= 4 * 1024 * 1024 ? 'anon >=4GiB (wasm cage)' : mp.size >= 64 * 1024 ? 'anon >=64MiB' : 'anon small';
    else if (cat.includes('/node')) cat = 'node binary';
    else if (cat.startsWith('/')) cat = 'other files';
    add(cat, mp.rss, mp.size);
  }
  const big = maps.filter((m) => m.rss > 8 * 1024).sort((a, b) => b.rss - a.rss).slice(0, 12).map((m) => `${m.name} ${m.perms} size=${(m.size / 1024).toFixed(0)}M rss=${(m.rss / 1024).toFixed(1)}M`);
  return { cats, big };
}
function snap(label) {
  const mu = process.memoryUsage();
  const mib = (x) => +(x / 1048576).toFixed(1);
  const hs = v8.getHeapStatistics();
  return {
    label,
    rss: mib(mu.rss), heapUsed: mib(mu.heapUsed), heapTotal: mib(mu.heapTotal), external: mib(mu.external), arrayBuffers: mib(mu.arrayBuffers),
    totalPhysical: mib(hs.total_physical_size), mallocedMemory: mib(hs.malloced_memory), peakMalloced: mib(hs.peak_malloced_memory), externalMemory: mib(hs.external_memory),
    spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: mib(s.space_size), used: mib(s.space_used_size), phys: mib(s.physical_space_size) }])),
    wasm: memories.map((x) => ({ desc: x.desc, stack: x.stack, MiB: x.m.deref() ? mib(x.m.deref().buffer.byteLength) : 'collected' })),
    smaps: smaps(),
    status: Object.fromEntries(fs.readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /^(VmRSS|VmHWM|RssAnon|RssFile|RssShmem)/.test(l)).map((l) => l.split(/:\s+/))),
  };
}
let n = 0;
process.on('SIGUSR2', () => {
  const out = process.env.PROBE_OUT ?? '/tmp/thads-memory';
  fs.mkdirSync(out, { recursive: true });
  const i = n++;
  const res = [snap('before-gc')];
  if (globalThis.gc && process.env.PROBE_GC === '1') { globalThis.gc(); globalThis.gc(); res.push(snap('after-gc')); }
  if (process.env.PROBE_SNAPSHOT === '1') res.push({ snapshot: v8.writeHeapSnapshot(`${out}/${i}.heapsnapshot`) });
  fs.writeFileSync(`${out}/${i}.json`, JSON.stringify(res, null, 1));
});
