// Regressions of what the fuzzer (tests/fuzz, `npm run fuzz`) found: each answered 500 before its fix.
import { expect, test } from '@playwright/test';
import { clientIp } from './mail.ts';

const origin = 'http://127.0.0.1:' + (process.env.E2E_PORT ?? '4399');
/** A multipart body cut off inside its first part: no closing boundary. */
const truncated = '--fuzz\r\nContent-Disposition: form-data; name="message"\r\n\r\nXin ch';

async function postTruncated(request: import('@playwright/test').APIRequestContext, url: string) {
  const res = await request.post(url, {
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': clientIp(), 'Content-Type': 'multipart/form-data; boundary=fuzz' },
    data: truncated,
    maxRedirects: 0,
  });
  return { status: res.status(), text: await res.text() };
}

test('a form body that does not parse is a 415 with a message on the feedback and tracking pages, not a 500', async ({ request }) => {
  const feedback = await postTruncated(request, '/gop-y?_action=sendFeedback');
  expect(feedback.status).toBe(415);
  expect(feedback.text).toContain('Không đọc được phiếu đã gửi. Hãy thử lại.');
  const english = await postTruncated(request, '/en/feedback?_action=sendFeedback');
  expect(english.status).toBe(415);
  expect(english.text).toContain('The form you sent could not be read. Please try again.');
  const track = await postTruncated(request, '/tra-cuu-ho-so?_action=trackDossier');
  expect(track.status).toBe(415);
  expect(track.text).toContain('Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy điền lại biểu mẫu.');
});
