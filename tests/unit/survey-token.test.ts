import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSurveyToken, surveyStatuses, surveyToken } from '../../src/server/survey/invitation.ts';
import { createTrackingToken } from '../../src/server/dossiers/tracking-session.ts';

const key = new Uint8Array(32).fill(3);
const invitedAt = new Date('2026-12-01T03:00:00Z');
const day = 86_400_000;

describe('survey invitation token', () => {
  const token = surveyToken(42, invitedAt, key);
  test('names its dossier, and carries its expiry 30 days after the invitation', () => {
    assert.match(token, /^42\.1798686000000\.[A-Za-z0-9_-]{43}$/); // 2026-12-31T03:00:00Z
    assert.deepEqual(readSurveyToken(token, key, new Date(invitedAt.getTime() + 29 * day)), { ok: true, id: 42 });
  });
  test('expires 30 days after the invitation', () => {
    assert.deepEqual(readSurveyToken(token, key, new Date(invitedAt.getTime() + 30 * day)), { ok: false, reason: 'expired' });
  });
  test('a changed dossier id, expiry or MAC is invalid', () => {
    const [, expires, mac] = token.split('.');
    assert.deepEqual(readSurveyToken(`43.${expires}.${mac}`, key, invitedAt), { ok: false, reason: 'invalid' });
    assert.deepEqual(readSurveyToken(`42.${Number(expires) + day}.${mac}`, key, invitedAt), { ok: false, reason: 'invalid' });
    const flipped = mac!.slice(0, -1) + (mac!.endsWith('A') ? 'B' : 'A');
    assert.deepEqual(readSurveyToken(`42.${expires}.${flipped}`, key, invitedAt), { ok: false, reason: 'invalid' });
  });
  test('another key, a malformed token or a tracking cookie token is invalid', () => {
    assert.deepEqual(readSurveyToken(token, new Uint8Array(32).fill(4), invitedAt), { ok: false, reason: 'invalid' });
    assert.deepEqual(readSurveyToken('42', key, invitedAt), { ok: false, reason: 'invalid' });
    assert.deepEqual(readSurveyToken(undefined, key, invitedAt), { ok: false, reason: 'invalid' });
    assert.deepEqual(readSurveyToken(createTrackingToken(42, key, invitedAt), key, invitedAt), { ok: false, reason: 'invalid' });
  });
});

describe('which actions invite to the survey', () => {
  test('returning a one-stop result, closing a complaint or a denunciation', () => {
    assert.deepEqual(surveyStatuses('one-stop'), ['returned']);
    assert.deepEqual(surveyStatuses('complaint'), ['closed']);
    assert.deepEqual(surveyStatuses('denunciation'), ['closed']);
  });
});
