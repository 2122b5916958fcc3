/**
 * What must hold in the database after any fault, checked in SQL on the real tables: each dossier is whole (its
 * submission event, its attachments moved from the draft with their bytes intact, its confirmation mail queued, its
 * draft pointing at it), codes are unique, and every dossier code a citizen was shown exists exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface Verdict {
  /** Dossiers made from the drafts the test created. */
  dossiers: number;
  /** Broken invariants, one line each: the test expects none. */
  problems: string[];
  /** Acknowledged codes found exactly once. */
  acknowledgedFound: number;
  /** Dossiers that exist although their citizen saw no code (the answer was lost): allowed, a resend finds them. */
  unacknowledged: number;
}

/** Checks every dossier of `drafts` (draft id → the code its citizen was shown, or null). */
export async function checkDossiers(url: string, drafts: Map<string, string | null>, opts: { filePerDossier: boolean }): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const problems: string[] = [];
    const ids = [...drafts.keys()];
    const { rows } = await client.query<{
      id: number;
      code: string;
      draft: string;
      submissions: string;
      draft_points_here: boolean;
      attachments: string;
      intact: string;
      left_on_draft: string;
      mails: string;
    }>(
      `select d.id, d.code, d.idempotency_key as draft,
         (select count(*) from dossier_events e where e.dossier_id = d.id and e.from_status is null and e.action = 'submit') as submissions,
         coalesce((select r.dossier_id = d.id from dossier_drafts r where r.id = d.idempotency_key), false) as draft_points_here,
         (select count(*) from attachments a where a.dossier_id = d.id) as attachments,
         (select count(*) from attachments a where a.dossier_id = d.id
            and a.draft_id = d.idempotency_key and octet_length(a.content) = a.size_bytes and encode(sha256(a.content), 'hex') = a.sha256) as intact,
         (select count(*) from attachments a where a.draft_id = d.idempotency_key and a.dossier_id is null) as left_on_draft,
         (select count(*) from mail_outbox m where m.dossier_id = d.id and m.kind = 'submitted') as mails
       from dossiers d where d.idempotency_key = any($1)`,
      [ids],
    );
    const expectedFiles = opts.filePerDossier ? 1 : 0;
    for (const r of rows) {
      if (Number(r.submissions) !== 1) problems.push(`${r.code}: ${r.submissions} submission events`);
      if (!r.draft_points_here) problems.push(`${r.code}: its draft does not point at it`);
      if (Number(r.attachments) !== expectedFiles || Number(r.intact) !== expectedFiles) problems.push(`${r.code}: ${r.attachments} attachments, ${r.intact} intact`);
      if (Number(r.left_on_draft) !== 0) problems.push(`${r.code}: ${r.left_on_draft} attachments left on the draft`);
      if (Number(r.mails) !== 1) problems.push(`${r.code}: ${r.mails} confirmation mails queued`);
    }
    const duplicates = await client.query<{ code: string; n: string }>('select code, count(*) as n from dossiers group by code having count(*) > 1');
    for (const d of duplicates.rows) problems.push(`${d.code}: ${d.n} dossiers share the code`);
    // A draft marked submitted whose dossier is missing would show a confirmation for nothing.
    const dangling = await client.query<{ id: string }>(
      'select r.id from dossier_drafts r where r.dossier_id is not null and not exists (select 1 from dossiers d where d.id = r.dossier_id and d.idempotency_key = r.id)',
    );
    for (const d of dangling.rows) problems.push(`draft ${d.id.slice(0, 8)}…: marked submitted, no such dossier`);

    const byDraft = new Map(rows.map((r) => [r.draft, r.code]));
    let acknowledgedFound = 0;
    let unacknowledged = 0;
    for (const [draft, code] of drafts) {
      const stored = byDraft.get(draft);
      if (code === null) {
        if (stored) unacknowledged++;
        continue;
      }
      const count = rows.filter((r) => r.code === code).length;
      if (count !== 1 || stored !== code) problems.push(`acknowledged ${code}: ${count} dossiers with that code, draft holds ${stored ?? 'none'}`);
      else acknowledgedFound++;
    }
    return { dossiers: rows.length, problems, acknowledgedFound, unacknowledged };
  } finally {
    await client.end();
  }
}

/**
 * Mail written by the file transport ($DATA_DIR/mail): every outbox row marked sent has its .eml file. Returns the
 * problems and how many rows were written more than once (allowed: a kill between writing and recording; the stable
 * Message-ID marks the copy).
 */
export async function checkMailFiles(url: string, dataDir: string): Promise<{ problems: string[]; sent: number; copies: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sent = (await client.query<{ id: number }>("select id::int as id from mail_outbox where status = 'sent'")).rows;
    const dir = path.join(dataDir, 'mail');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    const counts = new Map<number, number>();
    for (const f of files) {
      const id = /Message-ID: <outbox\.(\d+)\./i.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1];
      if (id) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + 1);
    }
    const problems = sent.filter((r) => !counts.has(r.id)).map((r) => `outbox ${r.id}: marked sent, no mail file`);
    const copies = [...counts.values()].filter((n) => n > 1).length;
    return { problems, sent: sent.length, copies };
  } finally {
    await client.end();
  }
}
