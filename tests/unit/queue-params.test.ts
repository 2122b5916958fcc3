import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { queueQueryFromParams } from '../../src/server/dossiers/queue-params.ts';

const read = (qs: string) => queueQueryFromParams(new URLSearchParams(qs));
const OPEN = ['submitted', 'received', 'awaiting_supplement', 'in_progress', 'awaiting_approval', 'result_ready', 'accepted', 'verifying', 'decided', 'concluded', 'tip'];

describe('queue page parameters', () => {
  test('the bare queue: open dossiers, no other filter (an unticked box filters nothing)', () => {
    const { filter, status } = read('');
    assert.equal(status, undefined);
    assert.deepEqual(filter.status, OPEN);
    assert.equal(filter.overdue, undefined, 'unticked "Quá hạn" must not mean "only those not overdue"');
    assert.equal(filter.assignedToMe, undefined);
    assert.equal(filter.dueWithinWorkingDays, undefined);
    assert.equal(filter.q, undefined);
    assert.equal(filter.sort, 'due');
  });

  test('what the GET form sends when nothing is ticked', () => {
    // The form always sends its selects and text box; checkboxes only when ticked.
    const { filter } = read('q=&trang-thai=&thu-tuc=&han=&sap-xep=han');
    assert.deepEqual(filter.status, OPEN);
    assert.equal(filter.overdue, undefined);
    assert.equal(filter.assignedToMe, undefined);
    assert.equal(filter.procedure, undefined);
    assert.equal(filter.q, undefined);
  });

  test('"all" and a single status', () => {
    assert.equal(read('trang-thai=tat-ca').filter.status, undefined);
    assert.equal(read('trang-thai=tat-ca').status, 'all');
    assert.equal(read('trang-thai=in_progress').filter.status, 'in_progress');
    assert.deepEqual(read('trang-thai=bogus').filter.status, OPEN);
  });

  test('ticked boxes, due-within, search and sort', () => {
    const { filter } = read('qua-han=1&cua-toi=1&han=3&q=%20%2001-261123-ZHAP57%20&sap-xep=ngay-nop&thu-tuc=DCHV&sau=abc');
    assert.equal(filter.overdue, true);
    assert.equal(filter.assignedToMe, true);
    assert.equal(filter.dueWithinWorkingDays, 3);
    assert.equal(filter.q, '01-261123-ZHAP57');
    assert.equal(filter.sort, 'submitted');
    assert.equal(filter.procedure, 'DCHV');
    assert.equal(filter.cursor, 'abc');
    assert.equal(read('lan=2').filter.round, 'second');
    assert.equal(read('lan=1').filter.round, 'first');
    assert.equal(read('lan=3').filter.round, undefined);
    assert.equal(read('').filter.round, undefined);
  });

  test('malformed values fall back to the default view', () => {
    const { filter } = read('han=-1&qua-han=yes&cua-toi=true&thu-tuc=NOPE&sap-xep=x');
    assert.equal(filter.dueWithinWorkingDays, undefined);
    assert.equal(filter.overdue, undefined);
    assert.equal(filter.assignedToMe, undefined);
    assert.equal(filter.procedure, undefined);
    assert.equal(filter.sort, 'due');
  });
});
