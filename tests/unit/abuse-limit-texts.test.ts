import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dict } from '../../src/i18n/index.ts';

test('the 429 pages say when to try again, rounded up, in Vietnamese', () => {
  const t = dict('vi').abuseLimits.tryAgainIn;
  assert.equal(t(1), 'Hãy thử lại sau 1 giây.');
  assert.equal(t(59), 'Hãy thử lại sau 59 giây.');
  assert.equal(t(60), 'Hãy thử lại sau 1 phút.');
  assert.equal(t(241), 'Hãy thử lại sau 5 phút.');
  assert.equal(t(300), 'Hãy thử lại sau 5 phút.');
  assert.equal(t(3600), 'Hãy thử lại sau 1 giờ.');
  assert.equal(t(3601), 'Hãy thử lại sau 1 giờ 1 phút.');
});

test('… and in English', () => {
  const t = dict('en').abuseLimits.tryAgainIn;
  assert.equal(t(1), 'Try again in 1 second.');
  assert.equal(t(30), 'Try again in 30 seconds.');
  assert.equal(t(60), 'Try again in 1 minute.');
  assert.equal(t(300), 'Try again in 5 minutes.');
  assert.equal(t(7200), 'Try again in 2 hours.');
  assert.equal(t(3660), 'Try again in 1 hour 1 minute.');
});
