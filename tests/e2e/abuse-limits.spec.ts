import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { clientIp } from './mail.ts';

// Every abuse limit answers 429 with Retry-After and a page in the page's language. Each test has its own client
// address (TRUST_PROXY=1 and X-Forwarded-For), so it starts with a full allowance. The limits are those of
// src/server/abuse-limits.ts, written out: 60 searches, 120 entry pages, 20 look-ups, 120 submissions per
// 10 minutes, 5 feedback messages per hour, 30 statistics computations per 10 minutes.

/** The server's origin, for the Origin header of form posts (Astro's checkOrigin). */
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}`;

/** Sends `allowed` requests that must not be refused, then one more, and returns that one. */
async function overTheLimit(allowed: number, send: (i: number) => Promise<APIResponse>): Promise<APIResponse> {
  for (let i = 0; i < allowed; i++) {
    const res = await send(i);
    expect(res.status(), `request ${i + 1} of ${allowed}`).not.toBe(429);
  }
  return send(allowed);
}

/**
 * Checks a refusal: 429, a Retry-After in whole seconds between `min` and `max` (the real clock ran meanwhile, so
 * the window's full length is the most), and a page in `locale` that holds every one of `texts`.
 */
async function expectRefusal(res: APIResponse, locale: 'vi' | 'en', retry: { min: number; max: number }, texts: string[]): Promise<void> {
  expect(res.status()).toBe(429);
  const value = res.headers()['retry-after'];
  expect(value).toMatch(/^\d+$/);
  expect(Number(value)).toBeGreaterThanOrEqual(retry.min);
  expect(Number(value)).toBeLessThanOrEqual(retry.max);
  const html = await res.text();
  expect(html).toContain(`<html lang="${locale}"`);
  for (const text of texts) expect(html).toContain(text);
}

const TEN_MINUTES = { min: 540, max: 600 };

const post = (request: APIRequestContext, path: string, ip: string, form: Record<string, string>) =>
  request.post(path, { headers: { Origin: ORIGIN, 'X-Forwarded-For': ip }, form, maxRedirects: 0 });

for (const [locale, path, expected] of [
  ['vi', '/danh-sach-chua-co-dieu-kien-thi-hanh?ten=Nguy%E1%BB%85n', 'Bạn đã tìm kiếm trong danh sách quá nhiều lần trong thời gian ngắn. Hãy thử lại sau 10 phút.'],
  ['en', '/en/debtors-without-means?ten=Nguyen', 'You have searched the list too many times in a short time. Try again in 10 minutes.'],
] as const) {
  test(`public-list searches: the 61st in 10 minutes is a 429 page in ${locale}`, async ({ request }) => {
    const ip = clientIp();
    const res = await overTheLimit(60, () => request.get(path, { headers: { 'X-Forwarded-For': ip } }));
    await expectRefusal(res, locale, TEN_MINUTES, ['class="site-header"', expected]);
  });
}

for (const [locale, path, title, expected] of [
  ['vi', '/danh-sach-chua-co-dieu-kien-thi-hanh/khong-co-muc-nay', 'Bạn đã xem quá nhiều mục', 'Bạn đã xem quá nhiều mục của danh sách trong thời gian ngắn. Hãy thử lại sau 10 phút.'],
  ['en', '/en/debtors-without-means/no-such-entry', 'You have opened too many entries', 'You have opened too many entries of the list in a short time. Try again in 10 minutes.'],
] as const) {
  test(`public-list entry pages: the 121st in 10 minutes is a 429 page in ${locale}, found or not`, async ({ request }) => {
    const ip = clientIp();
    const res = await overTheLimit(120, () => request.get(path, { headers: { 'X-Forwarded-For': ip } }));
    await expectRefusal(res, locale, TEN_MINUTES, [`<h1>${title}</h1>`, expected]);
  });
}

for (const [locale, path, expected] of [
  ['vi', '/tra-cuu-ho-so?_action=trackDossier', 'Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Hãy thử lại sau 10 phút.'],
  ['en', '/en/track?_action=trackDossier', 'You have looked up too many times in a short time. Try again in 10 minutes.'],
] as const) {
  test(`tracking look-ups: the 21st in 10 minutes re-renders the form with 429 in ${locale}`, async ({ request }) => {
    const ip = clientIp();
    // Well-formed codes no dossier has, a different one each time: the limit per code (five wrong PINs) never answers.
    const res = await overTheLimit(20, () => post(request, path, ip, { code: generateDossierCode(97, '2026-11-02'), pin: '000000' }));
    await expectRefusal(res, locale, TEN_MINUTES, [expected, 'name="pin"']);
  });
}

for (const [locale, path, expected] of [
  ['vi', '/gop-y?_action=sendFeedback', 'Ông/bà đã gửi quá nhiều lần trong thời gian ngắn. Hãy thử lại sau 1 giờ.'],
  ['en', '/en/feedback?_action=sendFeedback', 'You have sent too many times in a short time. Try again in 1 hour.'],
] as const) {
  test(`general feedback: the 6th in an hour re-renders the form with 429 in ${locale}`, async ({ request }) => {
    const ip = clientIp();
    // Incomplete messages count too: the limit is on posting, before anything is read.
    const res = await overTheLimit(5, () => post(request, path, ip, { topic: '', message: '' }));
    await expectRefusal(res, locale, { min: 3540, max: 3600 }, [expected, 'id="f-message"']);
  });
}

const yctha = oneStopProcedures.find((p) => p.code === 'YCTHA')!;
for (const [locale, path, expected] of [
  ['vi', `/nop-ho-so/${yctha.slug.vi}?_action=saveApplication`, 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Hãy thử lại sau 10 phút.'],
  ['en', `/en/apply/${yctha.slug.en}?_action=saveApplication`, 'You have sent too many requests in a short time. Try again in 10 minutes.'],
] as const) {
  test(`application saves: the 121st in 10 minutes re-renders the form with 429 in ${locale}`, async ({ request }) => {
    const ip = clientIp();
    // A form naming no procedure is refused (400) after it was counted: no draft is made.
    const res = await overTheLimit(120, () => post(request, path, ip, { procedure: '' }));
    await expectRefusal(res, locale, TEN_MINUTES, [expected]);
  });
}

for (const [locale, path, expected] of [
  ['vi', '/thong-ke', 'Bạn đã xem quá nhiều khoảng thời gian khác nhau trong ít phút; số liệu mặc định vẫn xem được ngay. Hãy thử lại sau 10 phút.'],
  ['en', '/en/statistics', 'You have asked for many different periods in a few minutes; the default figures can still be seen now. Try again in 10 minutes.'],
] as const) {
  test(`statistics: the 31st period nobody asked for in 10 minutes is a 429 page in ${locale}`, async ({ request }) => {
    const ip = clientIp();
    // Periods of a distant year, one day each, different per language: never computed (and cached) before.
    const year = locale === 'vi' ? 2011 : 2012;
    const day = (i: number) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);
    const res = await overTheLimit(30, (i) => request.get(`${path}?tu-ngay=${day(i)}&den-ngay=${day(i)}`, { headers: { 'X-Forwarded-For': ip } }));
    await expectRefusal(res, locale, TEN_MINUTES, ['class="site-header"', expected]);
  });
}

test('an action called directly at /_actions/<name> is refused with 429 and Retry-After too', async ({ request }) => {
  const ip = clientIp();
  const res = await overTheLimit(5, () => post(request, '/_actions/sendFeedback', ip, { topic: '', message: '' }));
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThanOrEqual(3540);
  expect(Number(res.headers()['retry-after'])).toBeLessThanOrEqual(3600);
  expect(await res.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
});
