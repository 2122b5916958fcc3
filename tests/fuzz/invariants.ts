/**
 * What must hold in the database after the fuzzer's run, checked directly in the tables (src/server/schema.ts): no
 * dossier, event, attachment or draft half-written by a request that failed half-way, and exactly the dossiers the
 * fuzzer was told were submitted.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/schema.ts';

export interface InvariantReport {
  /** Each broken invariant: what it says, and up to five offending rows. */
  broken: { invariant: string; rows: unknown[] }[];
  newDossiers: number;
}

/**
 * `acknowledged`: the draft ids (the idempotency keys) whose submission the portal confirmed to the fuzzer;
 * `since`: when the fuzzing began (the demo dossiers are older).
 */
export async function checkInvariants(db: Kysely<Database>, acknowledged: Set<string>, since: Date): Promise<InvariantReport> {
  const broken: InvariantReport['broken'] = [];
  const expectNone = async (invariant: string, query: ReturnType<typeof sql>) => {
    const rows = (await query.execute(db)).rows;
    if (rows.length > 0) broken.push({ invariant, rows: rows.slice(0, 5) });
  };

  await expectNone(
    'every dossier has its submission event (the first event, from no status)',
    sql`select d.code from dossiers d where not exists (select 1 from dossier_events e where e.dossier_id = d.id and e.from_status is null)`,
  );
  await expectNone('every dossier has exactly one submission event', sql`select dossier_id, count(*) from dossier_events where from_status is null group by dossier_id having count(*) > 1`);
  await expectNone('every dossier code is well formed', sql`select code from dossiers where code !~ '^[0-9]{2}-[0-9]{6}-[0-9A-HJKMNP-TV-Z]{6}$'`);
  await expectNone(
    "a dossier's status is its last event's",
    sql`select d.code, d.status, e.to_status from dossiers d
        join lateral (select to_status from dossier_events where dossier_id = d.id order by at desc, id desc limit 1) e on true
        where e.to_status <> d.status`,
  );
  await expectNone('every event belongs to a dossier', sql`select e.id from dossier_events e left join dossiers d on d.id = e.dossier_id where d.id is null`);
  await expectNone('every attachment belongs to a dossier or a draft', sql`select id, file_name from attachments where dossier_id is null and draft_id is null`);
  await expectNone('every attachment has its bytes, of the size recorded', sql`select id, file_name from attachments where content is null or octet_length(content) <> size_bytes or size_bytes = 0`);
  await expectNone(
    "a submitted draft's attachments moved to its dossier",
    sql`select a.id from attachments a join dossier_drafts r on r.id = a.draft_id where r.dossier_id is not null and a.dossier_id is distinct from r.dossier_id`,
  );
  await expectNone(
    "an attachment's event is one of its dossier's",
    sql`select a.id from attachments a join dossier_events e on e.id = a.event_id where a.dossier_id is distinct from e.dossier_id`,
  );
  await expectNone('a submitted draft names its dossier', sql`select r.id from dossier_drafts r left join dossiers d on d.id = r.dossier_id where r.dossier_id is not null and d.id is null`);
  await expectNone(
    "a dossier made from a draft is that draft's (the idempotency key)",
    sql`select d.code from dossiers d join dossier_drafts r on r.id = d.idempotency_key where r.dossier_id is distinct from d.id`,
  );
  await expectNone('one dossier per idempotency key', sql`select idempotency_key from dossiers group by idempotency_key having count(*) > 1`);
  await expectNone(
    "a denunciation's identity is sealed in the vault",
    sql`select d.code from dossiers d where d.procedure_code = 'TC' and not exists (select 1 from denouncer_identities v where v.dossier_id = d.id)`,
  );
  await expectNone('every queued mail of a dossier names an existing one', sql`select m.id from mail_outbox m left join dossiers d on d.id = m.dossier_id where m.dossier_id is not null and d.id is null`);

  const fresh = (await sql<{ idempotency_key: string; code: string }>`select idempotency_key, code from dossiers where submitted_at >= ${since}`.execute(db)).rows;
  const unseen = fresh.filter((d) => !acknowledged.has(d.idempotency_key));
  if (unseen.length) broken.push({ invariant: 'every dossier made during the run was acknowledged to the fuzzer', rows: unseen.slice(0, 5) });
  const made = new Set(fresh.map((d) => d.idempotency_key));
  const lost = [...acknowledged].filter((k) => !made.has(k));
  if (lost.length) broken.push({ invariant: 'every acknowledged submission is a dossier', rows: lost.slice(0, 5) });
  return { broken, newDossiers: fresh.length };
}
