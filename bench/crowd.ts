// What the benches send as a crowd of citizens would: each request from an address of its own (documentation
// prefix), so the per-address limits stay in force without one address being refused, and a procedure's form filled
// in from its catalog example.
import type { Procedure } from '../src/server/catalog/types.ts';

let n = 0;
/** The next address, 2001:db8::<hi>:<lo>: two groups, as one would overflow at 65,535 and fall back to a shared key. */
export function nextAddress(): string {
  n++;
  return `2001:db8::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
}

/** The form of `procedure` as a browser posts it, urlencoded, from the catalog's example answers. */
export function exampleFormBody(procedure: Procedure, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ procedure: procedure.code, ...extra });
  for (const [k, v] of Object.entries(procedure.example)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) params.append(k, String(item));
  }
  return params.toString();
}
