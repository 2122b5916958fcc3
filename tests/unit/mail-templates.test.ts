import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locale } from '../../src/server/catalog/types.ts';
import { escapeHtml } from '../../src/server/mail/layout.ts';
import { renderDossierMail, type DossierMailData, type DossierMailKind } from '../../src/server/mail/templates.ts';

const kinds: DossierMailKind[] = ['submitted', 'supplement_received', 'withdrawn'];
const locales: Locale[] = ['vi', 'en'];

const data: DossierMailData = {
  code: '01-261123-7KQ4MX',
  pin: '483920',
  procedureName: { vi: 'Yêu cầu thi hành án', en: 'Request enforcement' },
  agencyName: { vi: 'Thi hành án dân sự thành phố Hà Nội', en: 'Hanoi Civil Judgment Enforcement' },
  trackingUrl: 'https://thads.example.gov.vn/tra-cuu-ho-so?code=01-261123-7KQ4MX&x=1',
  submittedOn: '2026-11-23',
  expectedDueDate: '2026-11-30',
  timeLimitDays: 5,
  applicantName: 'Nguyễn Văn Hùng',
};

describe('dossier mail templates', () => {
  for (const locale of locales) {
    for (const kind of kinds) {
      it(`renders ${kind} in ${locale} with the code, procedure, agency and link in both parts`, () => {
        const mail = renderDossierMail(kind, locale, data);
        assert.ok(mail.subject.includes(data.code));
        assert.ok(mail.subject.endsWith(data.procedureName[locale]));
        assert.doesNotMatch(mail.subject, /[\r\n]/);
        for (const part of [mail.text, mail.html]) {
          assert.ok(part.includes(data.code));
          assert.ok(part.includes(data.procedureName[locale]));
          assert.ok(part.includes(data.agencyName[locale]));
          assert.ok(part.includes(data.applicantName));
          assert.ok(part.includes('23/11/2026'), 'submission date as dd/mm/yyyy');
          assert.ok(!part.includes('2026-11-23'), 'no ISO dates shown');
        }
        assert.ok(mail.text.includes(data.trackingUrl), 'the text part carries the full link');
        assert.ok(mail.html.includes(`href="${escapeHtml(data.trackingUrl)}"`));
        assert.ok(mail.html.startsWith('<!doctype html>'));
        assert.ok(mail.html.includes(`<html lang="${locale}">`));
        assert.ok(mail.html.includes('<meta charset="utf-8">'));
        assert.doesNotMatch(mail.html, /<img|style=|<script|<style/i, 'no images, inline styles or scripts');
        // Each language speaks only its own language.
        const other = locale === 'vi' ? 'en' : 'vi';
        assert.ok(!mail.text.includes(data.procedureName[other]));
      });
    }
  }

  it('writes Vietnamese subjects with diacritics and English subjects as specified', () => {
    assert.equal(renderDossierMail('submitted', 'vi', data).subject, 'Đã nhận hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án');
    assert.equal(renderDossierMail('submitted', 'en', data).subject, 'Application 01-261123-7KQ4MX received: Request enforcement');
    assert.equal(renderDossierMail('withdrawn', 'vi', data).subject, 'Đã rút hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án');
    assert.match(renderDossierMail('supplement_received', 'vi', data).subject, /^Đã nhận tài liệu bổ sung cho hồ sơ /);
  });

  it('puts the PIN only in the submission mail', () => {
    for (const locale of locales) {
      const submitted = renderDossierMail('submitted', locale, data);
      assert.ok(submitted.text.includes('483920'));
      assert.ok(submitted.html.includes('483920'));
      for (const kind of ['supplement_received', 'withdrawn'] as const) {
        const mail = renderDossierMail(kind, locale, data);
        assert.ok(!mail.text.includes('483920'), `${kind}/${locale} text`);
        assert.ok(!mail.html.includes('483920'), `${kind}/${locale} html`);
      }
    }
    assert.throws(() => renderDossierMail('submitted', 'vi', { ...data, pin: undefined }), /PIN/);
  });

  it('says the portal received the dossier but the agency has not accepted it yet, and when the time limit runs', () => {
    const vi = renderDossierMail('submitted', 'vi', data).text;
    assert.match(vi, /chưa được cơ quan thi hành án chấp nhận/);
    assert.match(vi, /5 ngày làm việc kể từ ngày hồ sơ được tiếp nhận/);
    assert.match(vi, /ngày hẹn trả kết quả dự kiến là 30\/11\/2026/);
    assert.match(vi, /giữ kín mã hồ sơ và mã PIN/);
    const en = renderDossierMail('submitted', 'en', data).text;
    assert.match(en, /has not accepted it yet/);
    assert.match(en, /5 working days from the day the application is accepted/);
    assert.match(en, /expected by 30\/11\/2026/);
  });

  it('leaves out the expected date and the time limit when they are unknown', () => {
    const mail = renderDossierMail('submitted', 'vi', { ...data, expectedDueDate: undefined, timeLimitDays: undefined });
    assert.ok(!mail.text.includes('ngày hẹn trả kết quả dự kiến'));
    assert.ok(!mail.text.includes('ngày làm việc'));
    const dueOnly = renderDossierMail('submitted', 'en', { ...data, timeLimitDays: undefined });
    assert.match(dueOnly.text, /^- If it is accepted on 23\/11\/2026, the result is expected by 30\/11\/2026\.$/m);
  });

  it('escapes every interpolated value in HTML and keeps it verbatim in text', () => {
    const hostile: DossierMailData = {
      ...data,
      applicantName: '<script>alert("x")</script> & Co',
      agencyName: { vi: 'Cơ quan <b>', en: 'Agency <b>' },
      procedureName: { vi: 'Thủ tục "\'', en: 'Procedure "\'' },
      trackingUrl: 'https://thads.example.gov.vn/track?code="><script>',
    };
    for (const locale of locales) {
      for (const kind of kinds) {
        const mail = renderDossierMail(kind, locale, hostile);
        assert.ok(!mail.html.includes('<script>'), `${kind}/${locale}`);
        assert.ok(!mail.html.includes('<b>'));
        assert.ok(mail.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'));
        assert.ok(mail.html.includes('href="https://thads.example.gov.vn/track?code=&quot;&gt;&lt;script&gt;"'));
        assert.ok(mail.text.includes('<script>alert("x")</script> & Co'));
      }
    }
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows a timestamp as its calendar day in Vietnam (UTC+7), as dd/mm/yyyy', () => {
    // 18:30 UTC on 23 November is 01:30 on 24 November in Hanoi.
    const mail = renderDossierMail('withdrawn', 'vi', { ...data, submittedOn: new Date('2026-11-23T18:30:00Z') });
    assert.ok(mail.text.includes('Ngày nộp: 24/11/2026'));
    const iso = renderDossierMail('withdrawn', 'en', { ...data, submittedOn: '2026-11-23T10:00:00.000Z' });
    assert.ok(iso.text.includes('Submitted on: 23/11/2026'));
  });

  it('refuses a tracking link that is not absolute', () => {
    assert.throws(() => renderDossierMail('withdrawn', 'vi', { ...data, trackingUrl: '/tra-cuu-ho-so' }), /absolute/);
    assert.throws(() => renderDossierMail('withdrawn', 'vi', { ...data, trackingUrl: 'javascript:alert(1)' }), /absolute/);
  });
});
