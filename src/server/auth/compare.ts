import { timingSafeEqual } from 'node:crypto';

/** Constant-time equality of two byte arrays (over both inputs; unequal lengths are simply unequal). */
export function constantTimeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return timingSafeEqual(a, b);
}
