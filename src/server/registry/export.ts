/**
 * The CSV export of the public list as a response body: the lines of `exportCsv()` (UTF-8 with a byte-order mark, so
 * Excel shows the Vietnamese text), streamed: a national export never sits in memory. The columns are the import's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { todayInVietnam } from '../validation/dates.ts';
import { exportCsv, type RegistryActor } from './admin.ts';

/** The export's bytes, a few hundred lines per chunk (fewer, larger writes); cancelling stops the reading. */
export function exportStream(db: Kysely<Database>, actor: RegistryActor): ReadableStream<Uint8Array> {
  const lines = exportCsv(db, actor);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = '';
      for (let i = 0; i < 500; i++) {
        const { value, done } = await lines.next();
        if (done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

/** The file's name: the agency (or the whole country) and today's date. */
export function exportFileName(agencyCode: string | null): string {
  return `danh-sach-chua-co-dieu-kien-${(agencyCode ?? 'toan-quoc').toLowerCase()}-${todayInVietnam()}.csv`;
}
