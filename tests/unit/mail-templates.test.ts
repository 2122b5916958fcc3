import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locale } from '../../src/server/catalog/types.ts';
import { escapeHtml } from '../../src/server/mail/layout.ts';
import { dossierMailKinds, renderDossierMail, type DossierMailData, type DossierMailKind } from '../../src/server/mail/templates.ts';

const kinds: readonly DossierMailKind[] = dossierMailKinds;
/** The mails of the back office's public actions. */
const staffKinds: DossierMailKind[] = ['received', 'supplement_requested', 'refused', 'result_ready', 'returned', 'rejected', 'apologised'];
const locales: Locale[] = ['vi', 'en'];

const data: DossierMailData = {
  code: '01-261123-7KQ4MX',
  pin: '483920',
  procedureName: { vi: 'Yêu cầu thi hành án', en: 'Request enforcement' },
  agencyName: { vi: 'Thi hành án dân sự thành phố Hà Nội', en: 'Hanoi Civil Judgment Enforcement' },
  contacts: {
    agency: { address: '1 Phố Ví Dụ, phường Mẫu, Hà Nội', phone: '024 3000 0001', email: 'thads@hanoi.example.gov.vn' },
    helpEmail: 'hotro@thads.example.gov.vn',
  },
  trackingUrl: 'https://thads.example.gov.vn/tra-cuu-ho-so?code=01-261123-7KQ4MX&x=1',
  submittedOn: '2026-11-23',
  expectedDueDate: '2026-11-30',
  timeLimitDays: 5,
  applicantName: 'Nguyễn Văn Hùng',
  lockedUntil: new Date('2026-11-23T03:20:00Z'),
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
        assert.doesNotMatch(mail.html, /<img|<script|<style|<link/i, 'no images, style sheets or scripts');
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

  it('puts the PIN only in the submission mails (an application, a petition)', () => {
    const first = ['submitted', 'petition_submitted'];
    for (const locale of locales) {
      for (const kind of first) {
        const submitted = renderDossierMail(kind as 'submitted', locale, data);
        assert.ok(submitted.text.includes('483920'), kind);
        assert.ok(submitted.html.includes('483920'), kind);
      }
      for (const kind of kinds.filter((k) => !first.includes(k))) {
        const mail = renderDossierMail(kind, locale, data);
        assert.ok(!mail.text.includes('483920'), `${kind}/${locale} text`);
        assert.ok(!mail.html.includes('483920'), `${kind}/${locale} html`);
      }
    }
    assert.throws(() => renderDossierMail('submitted', 'vi', { ...data, pin: undefined }), /PIN/);
    assert.throws(() => renderDossierMail('petition_submitted', 'vi', { ...data, pin: undefined }), /PIN/);
    // A petition's mail gives the day to be told whether it is accepted.
    assert.match(renderDossierMail('petition_submitted', 'vi', data).text, /không thụ lý kèm lý do, chậm nhất ngày 30\/11\/2026\./);
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
      reason: '<script>alert("x")</script> & Co',
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
  it('lists every kind once, the three of the citizen’s side, the seven of the staff’s public actions and the stage of a petition', () => {
    assert.equal(new Set(kinds).size, 13);
    assert.ok(kinds.includes('petition_submitted'));
    assert.ok(kinds.includes('stage'));
    for (const kind of [...staffKinds, 'submitted', 'supplement_received', 'withdrawn'] as const) assert.ok(kinds.includes(kind), kind);
  });

  const staffData: DossierMailData = {
    ...data,
    pin: undefined,
    reason: 'Bổ sung bản sao bản án có chứng thực.\nBổ sung giấy ủy quyền.',
    receivedOn: '2026-02-13',
    dueDate: '2026-02-27',
    newDueDate: '2026-03-06',
    timeLimitDays: 5,
  };

  it('writes the subjects of the staff actions in both languages', () => {
    const subjects: Record<string, [string, string]> = {
      received: ['Đã tiếp nhận hồ sơ', 'Application 01-261123-7KQ4MX accepted'],
      supplement_requested: ['Yêu cầu bổ sung hồ sơ', 'More documents needed for application'],
      refused: ['Từ chối tiếp nhận hồ sơ', 'Application 01-261123-7KQ4MX refused'],
      result_ready: ['Đã có kết quả hồ sơ', 'Result ready for application'],
      returned: ['Đã trả kết quả hồ sơ', 'Result returned for application'],
      rejected: ['Hồ sơ 01-261123-7KQ4MX không được giải quyết', 'Application 01-261123-7KQ4MX rejected'],
      apologised: ['Xin lỗi và hẹn lại ngày trả kết quả hồ sơ', 'Apology and new result date for application'],
    };
    for (const kind of staffKinds) {
      const [vi, en] = subjects[kind]!;
      assert.ok(renderDossierMail(kind, 'vi', staffData).subject.startsWith(vi), kind);
      assert.ok(renderDossierMail(kind, 'en', staffData).subject.startsWith(en), kind);
    }
    assert.equal(renderDossierMail('received', 'vi', staffData).subject, 'Đã tiếp nhận hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án');
  });

  it('gives the receipt date, the time limit and the due date in the receipt mail', () => {
    const vi = renderDossierMail('received', 'vi', staffData).text;
    assert.match(vi, /^Ngày tiếp nhận: 13\/02\/2026$/m);
    assert.match(vi, /^Thời hạn giải quyết: 5 ngày làm việc$/m);
    assert.match(vi, /^Ngày hẹn trả kết quả: 27\/02\/2026$/m);
    const en = renderDossierMail('received', 'en', staffData).text;
    assert.match(en, /^Accepted on: 13\/02\/2026$/m);
    assert.match(en, /^Time limit: 5 working days$/m);
    assert.match(en, /^Result due by: 27\/02\/2026$/m);
    assert.ok(!en.includes('2026-02-27'));
    // Unknown facts are left out, not shown empty.
    const bare = renderDossierMail('received', 'vi', { ...staffData, receivedOn: undefined, dueDate: undefined, timeLimitDays: undefined }).text;
    assert.ok(!bare.includes('Ngày hẹn trả kết quả:'));
    assert.ok(!bare.includes('Thời hạn giải quyết:'));
    assert.ok(!bare.includes('undefined'));
  });

  it('carries the staff’s words in the supplement request, the refusal, the rejection, the apology and the result, line by line', () => {
    for (const kind of ['supplement_requested', 'refused', 'rejected', 'apologised', 'result_ready'] as const) {
      for (const locale of locales) {
        const mail = renderDossierMail(kind, locale, staffData);
        assert.match(mail.text, /^Bổ sung bản sao bản án có chứng thực\.$/m, `${kind}/${locale}`);
        assert.match(mail.text, /^Bổ sung giấy ủy quyền\.$/m, `${kind}/${locale}`);
        assert.match(mail.html, /<p style="[^"]*">Bổ sung giấy ủy quyền\.<\/p>/, `${kind}/${locale}`);
      }
    }
    for (const kind of ['received', 'returned'] as const) {
      assert.ok(!renderDossierMail(kind, 'vi', staffData).text.includes('giấy ủy quyền'), `${kind} has no reason`);
    }
    const noReason = renderDossierMail('refused', 'en', { ...staffData, reason: '   ' }).text;
    assert.ok(!noReason.includes('Reasons:'), 'no empty heading');
    assert.match(renderDossierMail('result_ready', 'vi', staffData).text, /^Lời nhắn của cơ quan:$/m);
    assert.ok(!renderDossierMail('result_ready', 'en', { ...staffData, reason: null }).text.includes('A note from the agency'));
  });

  it('names a petition’s stage, its time limit and what happens next', () => {
    const stage = { label: { vi: 'Thụ lý giải quyết khiếu nại', en: 'Complaint accepted for handling' }, nextStep: { vi: 'Cơ quan sẽ xác minh.', en: 'The agency will verify it.' } };
    const vi = renderDossierMail('stage', 'vi', { ...staffData, reason: null, dueDate: '2026-12-31', stage });
    assert.ok(vi.subject.startsWith('Thụ lý giải quyết khiếu nại – hồ sơ 01-261123-7KQ4MX: '));
    assert.match(vi.text, /^Hồ sơ 01-261123-7KQ4MX: Thụ lý giải quyết khiếu nại\.$/m);
    assert.match(vi.text, /^Thời hạn giải quyết: đến hết ngày 31\/12\/2026\.$/m);
    assert.match(vi.text, /^Cơ quan sẽ xác minh\.$/m);
    const en = renderDossierMail('stage', 'en', { ...staffData, reason: null, dueDate: undefined, stage });
    assert.match(en.text, /^Dossier 01-261123-7KQ4MX: Complaint accepted for handling\.$/m);
    assert.ok(!en.text.includes('Time limit:'), 'no time limit line without a due date');
  });

  it('says that the time limit starts again once the supplement is complete', () => {
    assert.match(renderDossierMail('supplement_requested', 'vi', staffData).text, /Thời hạn giải quyết được tính lại từ đầu/);
    assert.match(renderDossierMail('supplement_requested', 'en', staffData).text, /time limit starts again from zero/);
  });

  it('gives the replaced and the new date in the apology', () => {
    const vi = renderDossierMail('apologised', 'vi', staffData).text;
    assert.match(vi, /xin lỗi/);
    assert.match(vi, /^Ngày hẹn trước đây: 27\/02\/2026$/m);
    assert.match(vi, /^Ngày hẹn trả kết quả mới: 06\/03\/2026$/m);
    const en = renderDossierMail('apologised', 'en', staffData).text;
    assert.match(en, /^Previous result date: 27\/02\/2026$/m);
    assert.match(en, /^New result date: 06\/03\/2026$/m);
  });

  it('tells the citizen the result is ready, then that it was returned and the dossier is closed', () => {
    assert.match(renderDossierMail('result_ready', 'vi', staffData).text, /đã có kết quả giải quyết/);
    assert.match(renderDossierMail('result_ready', 'en', staffData).text, /The result of your application 01-261123-7KQ4MX is ready\./);
    assert.match(renderDossierMail('returned', 'vi', staffData).text, /Hồ sơ đã kết thúc/);
    assert.match(renderDossierMail('returned', 'en', staffData).text, /The application is closed/);
  });

  it('keeps the official Vietnamese name of the agency beside its English name in English mails', () => {
    for (const kind of kinds) {
      const en = renderDossierMail(kind, 'en', data);
      assert.match(en.text, /^Enforcement agency: Hanoi Civil Judgment Enforcement \(Thi hành án dân sự thành phố Hà Nội\)$/m, kind);
      assert.match(en.text, /^Contact Hanoi Civil Judgment Enforcement \(Thi hành án dân sự thành phố Hà Nội\):$/m, kind);
      const vi = renderDossierMail(kind, 'vi', data);
      assert.match(vi.text, /^Cơ quan thi hành án: Thi hành án dân sự thành phố Hà Nội$/m, kind);
      assert.ok(!vi.text.includes('Hanoi Civil Judgment Enforcement'), kind);
    }
  });

  it('ends every mail with the agency’s address, phone and e-mail, and the portal’s help address', () => {
    for (const locale of locales) {
      for (const kind of kinds) {
        const mail = renderDossierMail(kind, locale, data);
        const [address, phone, email, help] = locale === 'vi' ? ['Địa chỉ', 'Điện thoại', 'Thư điện tử', 'Hỗ trợ sử dụng Cổng'] : ['Address', 'Phone', 'Email', 'Help with the portal'];
        const footer = mail.text.slice(mail.text.indexOf('\n—\n'));
        assert.ok(footer.includes(`\n${address}: 1 Phố Ví Dụ, phường Mẫu, Hà Nội\n`), `${kind}/${locale}`);
        assert.ok(footer.includes(`\n${phone}: 024 3000 0001\n`), `${kind}/${locale}`);
        assert.ok(footer.includes(`\n${email}: thads@hanoi.example.gov.vn\n`), `${kind}/${locale}`);
        assert.ok(footer.includes(`\n${help}: hotro@thads.example.gov.vn\n`), `${kind}/${locale}`);
        assert.ok(mail.html.includes('href="tel:02430000001"'), `${kind}/${locale}`);
        assert.ok(mail.html.includes('href="mailto:thads@hanoi.example.gov.vn"'), `${kind}/${locale}`);
        assert.ok(mail.html.includes('href="mailto:hotro@thads.example.gov.vn"'), `${kind}/${locale}`);
      }
    }
  });

  it('points to the provincial agency for what a regional office has not published, and to the help address when nothing can be reached', () => {
    const office: DossierMailData = {
      ...data,
      agencyName: { vi: 'Phòng Thi hành án dân sự khu vực 2 – Hà Nội', en: 'Regional Civil Judgment Enforcement Office No. 2 – Hanoi' },
      contacts: {
        agency: { address: '5 Đường Khu Vực, Hà Nội', phone: null, email: null },
        parent: { name: data.agencyName, address: null, phone: '024 3000 0001', email: null },
        helpEmail: 'hotro@thads.example.gov.vn',
      },
    };
    const vi = renderDossierMail('received', 'vi', office).text;
    assert.match(vi, /^Liên hệ Phòng Thi hành án dân sự khu vực 2 – Hà Nội:\nĐịa chỉ: 5 Đường Khu Vực, Hà Nội$/m);
    assert.match(vi, /^Về thông tin còn thiếu, ông\/bà liên hệ cơ quan cấp tỉnh, Thi hành án dân sự thành phố Hà Nội:\nĐiện thoại: 024 3000 0001$/m);
    assert.ok(!vi.includes('chưa công bố số điện thoại'));
    const en = renderDossierMail('received', 'en', office).text;
    assert.match(en, /^For what is missing, contact the provincial agency, Hanoi Civil Judgment Enforcement \(Thi hành án dân sự thành phố Hà Nội\):\nPhone: 024 3000 0001$/m);

    const unknown: DossierMailData = {
      ...office,
      contacts: { agency: { address: null, phone: null, email: null }, parent: { name: data.agencyName, address: null, phone: null, email: null }, helpEmail: 'hotro@thads.example.gov.vn' },
    };
    const none = renderDossierMail('received', 'vi', unknown).text;
    assert.match(none, /^Phòng Thi hành án dân sự khu vực 2 – Hà Nội chưa công bố thông tin liên hệ trên Cổng\.$/m);
    assert.match(none, /^Cơ quan chưa công bố số điện thoại và thư điện tử; nếu cần hỏi, ông\/bà viết thư cho bộ phận hỗ trợ của Cổng\.$/m);
    assert.match(none, /^Hỗ trợ sử dụng Cổng: hotro@thads\.example\.gov\.vn$/m);
    assert.ok(!none.includes('cơ quan cấp tỉnh'), 'no empty block for a provincial agency without details');
    assert.match(renderDossierMail('received', 'en', unknown).text, /^The agency has not published a phone number or an e-mail address yet; if you have a question, write to the portal’s help desk\.$/m);
  });

  it('says by when to supplement: no deadline is set, and the sooner the documents come, the sooner the result', () => {
    const vi = renderDossierMail('supplement_requested', 'vi', staffData).text;
    assert.match(vi, /^Hạn bổ sung: Cơ quan không ấn định hạn; hồ sơ chờ đến khi ông\/bà bổ sung$/m);
    assert.match(vi, /hồ sơ chưa có ngày hẹn trả kết quả/);
    assert.match(vi, /rút hồ sơ trên trang tra cứu/);
    const en = renderDossierMail('supplement_requested', 'en', staffData).text;
    assert.match(en, /^Send them by: No deadline is set; your application waits until you send them$/m);
    assert.match(en, /withdraw the application on the tracking page/);
  });

  it('says where to collect the original of the result, and that the result and notices download from the tracking page', () => {
    const vi = renderDossierMail('result_ready', 'vi', staffData).text;
    assert.match(vi, /^Ông\/bà nhận bản chính kết quả tại Thi hành án dân sự thành phố Hà Nội, 1 Phố Ví Dụ, phường Mẫu, Hà Nội, trong giờ làm việc các ngày làm việc\. Khi đến nhận, ông\/bà mang theo giấy tờ tùy thân và mã hồ sơ 01-261123-7KQ4MX\.$/m);
    assert.match(vi, /^Tệp kết quả và các văn bản cơ quan đã gửi ông\/bà về hồ sơ này .* tải được trên trang tra cứu hồ sơ/m);
    assert.match(vi, /^Tra cứu hồ sơ và tải kết quả:\nhttps:\/\/thads\.example\.gov\.vn\/tra-cuu-ho-so\?code=01-261123-7KQ4MX&x=1$/m);
    const en = renderDossierMail('result_ready', 'en', staffData).text;
    assert.match(en, /^Collect the original from Hanoi Civil Judgment Enforcement, 1 Phố Ví Dụ, phường Mẫu, Hà Nội, during office hours on a working day\./m);
    assert.match(en, /^The result file and the notices the agency sent you .* can be downloaded from the tracking page/m);
    // Without a published address the mail sends the citizen to the contacts instead of inventing a place.
    const noAddress = { ...staffData, contacts: { ...staffData.contacts, agency: { ...staffData.contacts.agency, address: null } } };
    assert.match(renderDossierMail('result_ready', 'vi', noAddress).text, /^Để nhận bản chính kết quả, ông\/bà liên hệ Thi hành án dân sự thành phố Hà Nội \(thông tin liên hệ ở cuối thư\) để biết nơi và giờ nhận\./m);
    for (const locale of locales) {
      const returned = renderDossierMail('returned', locale, staffData).text;
      assert.match(returned, locale === 'vi' ? /tải được trên trang tra cứu hồ sơ/ : /can be downloaded from the tracking page/);
      assert.ok(returned.includes('1 Phố Ví Dụ, phường Mẫu, Hà Nội'));
    }
  });

  it('lays the HTML part out in one branded column with the portal name on top and the contacts in the footer', () => {
    for (const locale of locales) {
      const html = renderDossierMail('received', locale, data).html;
      assert.match(html, /<div style="max-width:600px;margin:0 auto;[^"]*">/);
      assert.match(html, new RegExp(`<p style="[^"]*background:#a3141e;[^"]*">${locale === 'vi' ? 'Cổng dịch vụ công Thi hành án dân sự' : 'Civil Judgment Enforcement Public Service Portal'}</p>`));
      const footer = html.slice(html.indexOf('border-top:'));
      assert.ok(footer.includes('1 Phố Ví Dụ, phường Mẫu, Hà Nội'), locale);
      assert.ok(footer.includes('hotro@thads.example.gov.vn'), locale);
      assert.ok(html.indexOf('href="mailto:thads@hanoi.example.gov.vn"') > html.indexOf('border-top:'), 'the contacts are in the footer');
    }
  });

  it('says in the text part everything the HTML part says', () => {
    const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const locale of locales) {
      for (const kind of kinds) {
        const mail = renderDossierMail(kind, locale, staffData.pin ? staffData : { ...staffData, pin: '483920' });
        const body = mail.html.slice(mail.html.indexOf('<body'));
        const texts = [...body.matchAll(/>([^<]+)</g)].map((m) => unescape(m[1]!).trim()).filter((t) => t !== '');
        assert.ok(texts.length > 10, `${kind}/${locale}`);
        for (const t of texts) assert.ok(mail.text.includes(t), `${kind}/${locale}: the text part lacks «${t}»`);
      }
    }
  });
});
