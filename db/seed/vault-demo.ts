/**
 * One denunciation whose denouncer's identity is in the vault (demo seed only), so the identity page
 * (`/can-bo/ho-so/<code>/nguoi-to-cao`) can be shown and tested before denunciations are filed online. It is
 * submitted the way the submission stores one: through `transition()`, redacted row, identity sealed in the same
 * transaction before the mail reads the address.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { generatePin, hashPin } from '../../src/server/dossiers/pin.ts';
import { redactIdentity, sealIdentity } from '../../src/server/denouncers/vault.ts';
import { submitByTransition } from '../../src/server/dossiers/transition.ts';
import type { Database } from '../../src/server/schema.ts';

/** The demo denunciation's code: fixed, so tests and the demo guide can name it. */
export const VAULT_DEMO_CODE = (() => {
  let n = 0;
  return generateDossierCode(1, '2026-11-30', () => [25, 11, 29, 10, 21, 27][n++ % 6]!);
})();

/** A denunciation, at Hà Nội's agency, of an officer who has no account in the demo. Returns whether it was added. */
export async function seedVaultDemo(db: Kysely<Database>, publicUrl: string, now: Date = new Date()): Promise<boolean> {
  const exists = await db.selectFrom('dossiers').select('id').where('code', '=', VAULT_DEMO_CODE).executeTakeFirst();
  if (exists) return false;
  const TC = procedureByCode('TC')!;
  const answers = TC.schema.parse({
    ...TC.example,
    agency: 'HNI',
    fullName: 'Đinh Thị Bảo Ngọc',
    cccd: '001192008813',
    dateOfBirth: '1992-06-21',
    address: 'Số 9 ngõ 68 phố Cầu Giấy, phường Cầu Giấy, thành phố Hà Nội',
    phone: '0904 118 276',
    email: 'baongoc.dinh@example.com',
    accusedName: 'Phan Văn Lợi',
    accusedWorkplace: 'Thi hành án dân sự thành phố Hà Nội',
  }) as Record<string, unknown>;
  const { row, data } = redactIdentity(answers);
  const pin = generatePin();
  const pinHash = hashPin(pin);
  await db.transaction().execute(async (trx) => {
    // Submitted two days ago through the dossier service, like any denunciation; only the code is fixed.
    await submitByTransition(
      trx,
      {
        code: VAULT_DEMO_CODE,
        procedure_code: 'TC',
        agency_code: 'HNI',
        channel: 'online',
        locale: 'vi',
        ...row,
        data: JSON.stringify(data),
        pin_hash: pinHash,
        idempotency_key: randomUUID(),
      },
      { role: 'citizen' },
      {
        publicUrl,
        now: new Date(now.getTime() - 2 * 86_400_000),
        data: { channel: 'online' },
        submissionMail: { pin },
        withEvent: async (inner) => {
          const created = await inner.selectFrom('dossiers').select('id').where('code', '=', VAULT_DEMO_CODE).executeTakeFirstOrThrow();
          await sealIdentity(inner, created.id, answers);
        },
      },
    );
  });
  return true;
}
