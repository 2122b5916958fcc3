import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reconcile } from '../../bench/load-audit.ts';
import type { FlowOutcome } from '../../bench/load-citizen.ts';

/** A flow that reached the confirmation page and read `code` there. */
function told(draftId: string, code: string, double = false): FlowOutcome {
  return { procedure: 'XNKQ', draftId, submitSent: true, double, code, submitStatuses: double ? [303, 303] : [303], submitMs: 10, submittedAt: 1, flowMs: 20, failure: null };
}

function stopped(draftId: string, submitStatuses: number[], step: FlowOutcome['failure'] = { step: 'submit', status: submitStatuses[0] ?? 'aborted' }): FlowOutcome {
  return { procedure: 'XNKQ', draftId, submitSent: true, double: false, code: null, submitStatuses, submitMs: null, submittedAt: null, flowMs: null, failure: step };
}

describe('bench:load reconciles the database with what the clients were told', () => {
  test('every acknowledged dossier stored once: nothing lost, nothing unexplained', () => {
    const audit = reconcile(
      [
        { code: '01-261201-AAAAA1', idempotency_key: 'd1' },
        { code: '01-261201-BBBBB2', idempotency_key: 'd2' },
      ],
      [told('d1', '01-261201-AAAAA1'), told('d2', '01-261201-BBBBB2', true)],
    );
    assert.deepEqual(audit, {
      dossiers: 2,
      acknowledged: 2,
      lost: [],
      duplicated: [],
      doubleSubmits: 1,
      doubleSubmitsOne: 1,
      unacknowledgedInFlight: 0,
      phantom: [],
    });
  });

  test('an acknowledged code missing from the database, or stored under another draft, is lost', () => {
    const audit = reconcile([{ code: '01-261201-CCCCC3', idempotency_key: 'd9' }], [told('d1', '01-261201-AAAAA1'), told('d9', '01-261201-ZZZZZ9')]);
    assert.deepEqual(audit.lost, ['01-261201-AAAAA1 (draft d1)', '01-261201-ZZZZZ9 (draft d9)']);
  });

  test('a code stored twice is reported', () => {
    const audit = reconcile(
      [
        { code: '01-261201-AAAAA1', idempotency_key: 'd1' },
        { code: '01-261201-AAAAA1', idempotency_key: 'd2' },
      ],
      [told('d1', '01-261201-AAAAA1'), told('d2', '01-261201-AAAAA1')],
    );
    assert.deepEqual(audit.duplicated, ['01-261201-AAAAA1']);
  });

  test('a submission cut off on the wire, or answered but not confirmed, explains a dossier nobody was told about', () => {
    const audit = reconcile(
      [
        { code: '01-261201-DDDDD4', idempotency_key: 'd4' },
        { code: '01-261201-EEEEE5', idempotency_key: 'd5' },
        { code: '01-261201-FFFFF6', idempotency_key: 'd6' },
      ],
      [stopped('d4', []), stopped('d5', [303], { step: 'confirmation', status: 'UND_ERR_HEADERS_TIMEOUT' }), stopped('d6', [0])],
    );
    assert.equal(audit.unacknowledgedInFlight, 3);
    assert.deepEqual(audit.phantom, []);
  });

  test('a dossier of a draft whose submission was refused, or that no client submitted, is unexplained', () => {
    const audit = reconcile(
      [
        { code: '01-261201-GGGGG7', idempotency_key: 'd7' },
        { code: '01-261201-HHHHH8', idempotency_key: 'nobody' },
      ],
      [stopped('d7', [400])],
    );
    assert.equal(audit.unacknowledgedInFlight, 0);
    assert.deepEqual(audit.phantom, ['01-261201-GGGGG7 (draft d7)', '01-261201-HHHHH8 (draft nobody)']);
  });
});
