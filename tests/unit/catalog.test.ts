import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import {
  conditionText,
  errorKeys,
  estimateEnforcementFee,
  fieldErrorText,
  NEW_REGIME_FROM,
  oneStopProcedures,
  optionsFor,
  parseMoney,
  procedureByCode,
  procedureBySlug,
  procedures,
  rulesFor,
  sharedCondition,
  type FieldDef,
  type Procedure,
} from '../../src/server/catalog/index.ts';
import { addYears } from '../../src/server/validation/dates.ts';

// Examples and relative dates are checked against a fixed "today" (Vietnam time), so the suite gives the same
// answer next year. Tests that need another day move the clock and put it back.
const TODAY = '2026-11-23';
const vnNoon = (date: string) => Date.parse(`${date}T05:00:00Z`);
before(() => mock.timers.enable({ apis: ['Date'], now: vnNoon(TODAY) }));
after(() => mock.timers.reset());
function at<T>(date: string, fn: () => T): T {
  mock.timers.setTime(vnNoon(date));
  try {
    return fn();
  } finally {
    mock.timers.setTime(vnNoon(TODAY));
  }
}

const byCode = (code: string): Procedure => {
  const p = procedureByCode(code);
  assert.ok(p, code);
  return p;
};
const field = (p: Procedure, name: string): FieldDef => {
  const f = p.fields.find((x) => x.name === name);
  assert.ok(f, `${p.code}.${name}`);
  return f;
};

/** Issues as "path: message" strings, so a failure shows what went wrong. */
function issues(p: Procedure, input: unknown): string[] {
  const result = p.schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
function parse(p: Procedure, input: unknown): Record<string, unknown> {
  const result = p.schema.safeParse(input);
  assert.ok(result.success, `${p.code}: ${issues(p, input).join('; ')}`);
  return result.data;
}
/** Every issue message seen by any test: at the end, all must be error keys, and every key must have been seen. */
const seenMessages = new Set<string>();
function collect(p: Procedure, input: unknown): string[] {
  const result = p.schema.safeParse(input);
  if (result.success) return [];
  for (const i of result.error.issues) seenMessages.add(i.message);
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Walks an object and returns every {vi, en} pair found, with its path. */
function texts(value: unknown, path = ''): { path: string; text: Record<string, unknown> }[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  const record = value as Record<string, unknown>;
  if ('vi' in record || 'en' in record) return [{ path, text: record }];
  return Object.entries(record).flatMap(([k, v]) => texts(v, `${path}.${k}`));
}

// `conditional`: every field that applies only under a condition, and whether it is then required.
const representative = { representedName: true };
const EXPECTED = [
  { code: 'YCTHA', kind: 'one-stop', vi: 'yeu-cau-thi-hanh-an', en: 'request-enforcement', days: [5, 5],
    conditional: { ...representative, debtorName: true, debtorAddress: true, debtorIdNumber: false, debtorAssets: false,
      creditorName: true, creditorAddress: true, bankAccountNumber: false, bankName: false } },
  { code: 'XNKQ', kind: 'one-stop', vi: 'xac-nhan-ket-qua-thi-hanh-an', en: 'confirm-enforcement-result', days: [5, 3],
    conditional: { ...representative, partyName: true } },
  { code: 'DCHV', kind: 'one-stop', vi: 'thay-doi-chap-hanh-vien', en: 'change-enforcement-officer', days: [5, 3], conditional: representative },
  { code: 'MGCPCC', kind: 'one-stop', vi: 'mien-giam-chi-phi-cuong-che', en: 'coercion-cost-exemption', days: [5, 3], conditional: representative },
  { code: 'MGPTHA', kind: 'one-stop', vi: 'mien-giam-phi-thi-hanh-an', en: 'enforcement-fee-exemption', days: [5, 5], conditional: representative },
  { code: 'DCDS', kind: 'one-stop', vi: 'dinh-chinh-danh-sach-chua-co-dieu-kien-thi-hanh', en: 'public-list-correction', days: [2, 3],
    conditional: representative },
  { code: 'KN', kind: 'complaint', vi: 'khieu-nai', en: 'complaint', days: [5, 5],
    conditional: { ...representative, firstDecisionNumber: true, firstDecisionReceivedOn: true, forceMajeureWhat: true } },
  // A denunciation is made in one's own name: no representative.
  { code: 'TC', kind: 'denunciation', vi: 'to-cao', en: 'denunciation', days: [7, 7], conditional: {} },
] as const;

/** A valid answer of each kind a conditional field has, to fill every field a hidden choice would require. */
const VALID: Partial<Record<FieldDef['kind'], string>> = { text: 'Nguyễn Văn An', textarea: 'Nội dung hợp lệ.', date: '2025-01-15' };

describe('catalog index', () => {
  test('lists the procedures in order, with their codes, kinds and slugs', () => {
    assert.deepEqual(
      procedures.map((p) => [p.code, p.kind, p.slug.vi, p.slug.en]),
      EXPECTED.map((e) => [e.code, e.kind, e.vi, e.en]),
    );
    assert.deepEqual(oneStopProcedures.map((p) => p.code), ['YCTHA', 'XNKQ', 'DCHV', 'MGCPCC', 'MGPTHA', 'DCDS']);
  });

  test('finds procedures by code and by slug in either language', () => {
    for (const p of procedures) {
      assert.equal(procedureByCode(p.code), p);
      assert.equal(procedureBySlug(p.slug.vi, 'vi'), p);
      assert.equal(procedureBySlug(p.slug.en, 'en'), p);
    }
    assert.equal(procedureByCode('yctha'), undefined);
    assert.equal(procedureBySlug('request-enforcement', 'vi'), undefined);
    assert.equal(procedureBySlug('../etc/passwd', 'en'), undefined);
  });

  test('codes and slugs are unique and URL-safe', () => {
    for (const key of ['code', 'vi', 'en'] as const) {
      const values = procedures.map((p) => (key === 'code' ? p.code : p.slug[key]));
      assert.equal(new Set(values).size, values.length, key);
    }
    for (const p of procedures) {
      assert.match(p.code, /^[A-Z]+$/);
      for (const slug of [p.slug.vi, p.slug.en]) assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

for (const p of procedures) {
  describe(`${p.code} — ${p.name.en}`, () => {
    const found = EXPECTED.find((e) => e.code === p.code);
    assert.ok(found, `${p.code} is in EXPECTED`);
    const expected = found;
    const conditional: Record<string, boolean> = expected.conditional;

    test('every text has Vietnamese and English, and the name differs between them', () => {
      const { schema: _schema, example: _example, ...data } = p;
      const found = texts(data);
      assert.ok(found.length > 20);
      for (const { path, text } of found) {
        assert.deepEqual(Object.keys(text).sort(), ['en', 'vi'], path);
        for (const locale of ['vi', 'en'] as const) {
          const s = text[locale];
          assert.ok(typeof s === 'string' && s.trim() !== '' && s === s.trim(), `${path}.${locale}`);
        }
      }
      assert.notEqual(p.name.vi, p.name.en);
      assert.notEqual(p.summary.vi, p.summary.en);
      // Vietnamese text carries diacritics: a sentence without any is a sign of a copy-paste from English.
      assert.match(p.name.vi + p.summary.vi, /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    });

    test('has the expected guidance: who, documents, fee, result, 4–6 steps', () => {
      assert.ok(p.whoMaySubmit.length >= 1);
      assert.ok(p.steps.length >= 4 && p.steps.length <= 6, `${p.steps.length} steps`);
      assert.ok(p.documents.some((d) => d.required));
      const ids = p.documents.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const d of p.documents) assert.ok(d.required || d.when, `${d.id} is optional: say when it is needed`);
      // A representative files an authorisation: the role and the document come together, or not at all.
      const representativeRole = p.fields.some((f) => f.options?.some((o) => o.value === 'representative'));
      assert.equal(representativeRole, 'representedName' in conditional);
      assert.equal(p.documents.some((d) => d.id === 'authorisation'), 'representedName' in conditional);
    });

    test('rules are sorted, one per date, and rulesFor switches regime on 1 July 2026', () => {
      assert.ok(p.rules.length >= 2);
      for (let i = 1; i < p.rules.length; i++) {
        assert.ok(p.rules[i - 1]!.effectiveFrom < p.rules[i]!.effectiveFrom, 'strictly ascending dates');
      }
      for (const r of p.rules) {
        assert.ok(r.legalBasis.length > 0);
        assert.ok(r.timeLimit.days > 0);
        for (const c of r.legalBasis) assert.match(c.instrument, /^\d+\/(\d{4}\/)?[A-ZĐ0-9-]+$/);
      }
      const old = rulesFor(p, '2026-06-30');
      const current = rulesFor(p, '2026-07-01');
      assert.ok(old.effectiveFrom < NEW_REGIME_FROM);
      assert.equal(current.effectiveFrom, NEW_REGIME_FROM);
      // No official text of the 2026 implementing decree was found (src/server/catalog/rules.ts): every new time limit
      // says which figure and which text is missing, in both languages, next to the figure.
      assert.match(current.timeLimit.unconfirmed?.vi ?? '', /\d+ ngày làm việc.*(Nghị định|Luật|Thông tư)/);
      assert.match(current.timeLimit.unconfirmed?.en ?? '', /\d+ working days.*(Decree|Law|Circular)/);
      for (const r of p.rules) {
        const notes = [r.timeLimit.unconfirmed, r.noteUnconfirmed, ...r.legalBasis.map((c) => c.unconfirmed)].filter((n) => n !== undefined);
        for (const n of notes) assert.ok(n.vi.trim() && n.en.trim() && n.vi !== n.en, `${p.code} ${r.effectiveFrom}: ${n.vi}`);
        assert.ok(!r.noteUnconfirmed || r.note, 'a note on the note needs the note');
      }
      assert.deepEqual([old.timeLimit.days, current.timeLimit.days], expected.days);
      assert.equal(rulesFor(p, '2000-01-01'), p.rules[0]);
      assert.equal(rulesFor(p, '2099-01-01'), p.rules.at(-1));
    });

    test('fields are unique, in declared sections, with options in both languages', () => {
      const names = p.fields.map((f) => f.name);
      assert.equal(new Set(names).size, names.length);
      const sectionIds = p.sections.map((s) => s.id);
      assert.equal(new Set(sectionIds).size, sectionIds.length);
      for (const f of p.fields) {
        assert.ok(sectionIds.includes(f.section), `${f.name} in ${f.section}`);
        const choice = f.kind === 'select' || f.kind === 'radios' || f.kind === 'checkboxes';
        assert.equal(Boolean(f.options?.length), choice, `${f.name}: options only on choice fields`);
        const values = (f.options ?? []).map((o) => o.value);
        assert.equal(new Set(values).size, values.length);
        for (const o of f.options ?? []) {
          assert.ok(o.label.vi.trim() && o.label.en.trim() && o.label.vi !== o.label.en, `${f.name}.${o.value}`);
        }
      }
      assert.deepEqual(
        Object.fromEntries(p.fields.filter((f) => f.showIf).map((f) => [f.name, f.required])),
        conditional,
        'the conditional fields, and whether each is required where it applies',
      );
      for (const f of p.fields.filter((x) => x.showIf)) {
        const controller = p.fields.find((c) => c.name === f.showIf?.field);
        assert.ok(controller, `${f.name} depends on an existing field`);
        assert.ok(names.indexOf(controller.name) < names.indexOf(f.name), 'the controlling question comes first');
        for (const v of f.showIf!.equals) assert.ok(controller.options?.some((o) => o.value === v), `${f.name}: ${v}`);
      }
      for (const s of p.sections) assert.ok(p.fields.some((f) => f.section === s.id), `section ${s.id} is used`);
    });

    test('the example is valid, and its parsed form validates again unchanged', () => {
      const data = parse(p, p.example);
      assert.deepEqual(parse(p, data), data);
      for (const value of Object.values(data)) assert.notEqual(value, undefined);
    });

    test('an empty form fails with `required` on exactly the unconditionally required fields', () => {
      const required = p.fields.filter((f) => f.required && !f.showIf).map((f) => `${f.name}: required`);
      assert.deepEqual(collect(p, {}).sort(), required.sort());
      // Empty strings and nulls are how browsers and Astro send empty inputs.
      const blank = Object.fromEntries(p.fields.map((f) => [f.name, f.kind === 'checkboxes' ? [] : '   ']));
      assert.deepEqual(collect(p, blank).sort(), required.sort());
      const nulls = Object.fromEntries(p.fields.map((f) => [f.name, null]));
      assert.deepEqual(collect(p, nulls).sort(), required.sort());
    });

    test('conditional fields are required only where they apply, and dropped (not validated) elsewhere', () => {
      for (const f of p.fields.filter((x) => x.showIf)) {
        const condition = f.showIf!;
        const controller = field(p, condition.field);
        const shown = condition.equals[0]!;
        const hidden = controller.options!.find((o) => !condition.equals.includes(o.value));
        assert.ok(hidden, `${f.name}: some answer to ${condition.field} hides it`);
        const siblings = p.fields.filter((x) => x.showIf?.field === condition.field);
        const empty = { ...p.example, ...Object.fromEntries(siblings.map((x) => [x.name, null])), [condition.field]: shown };
        assert.equal(collect(p, empty).includes(`${f.name}: required`), f.required, `${f.name} empty where it applies`);
        // Every sibling filled validly (a hidden choice may reveal others), this one with what would fail its checks.
        const filled = { ...p.example, ...Object.fromEntries(siblings.map((x) => [x.name, VALID[x.kind]])), [condition.field]: hidden.value };
        const data = parse(p, { ...filled, [f.name]: 'x'.repeat(100_000) });
        assert.equal(f.name in data, false, `${f.name} is dropped when it does not apply`);
      }
    });

    test('every field refuses bad values with an error key, never by throwing', () => {
      const bad: Record<FieldDef['kind'], unknown[]> = {
        text: ['x'.repeat(100_000), ['a', 'b'], 42, {}, true, 'a\u0000b', 'Nguy\u202Eễn', '\uD800'],
        textarea: ['x'.repeat(100_000), ['a'], 42, 'a\u0007b'],
        email: ['không-phải-email', 'a@', '@b.vn', 'a b@c.vn', `${'a'.repeat(250)}@example.com`, ['a@b.vn']],
        tel: ['0212345678', '091234567', 'số điện thoại', '<script>alert(1)</script>', 84912345678],
        cccd: ['12345', '003188012345', '001488012345', '001299012345', '00118801234x', 1188012345],
        date: ['2026-02-30', '23/11/2026', '2026-11-23T00:00:00Z', '1899-12-31', '2099-01-01', 20261123, ['2026-01-01']],
        money: ['1,5', '-5', '1.23.456', 'một triệu', '99999999999999999', -1, 1.5, Number.NaN, Infinity, 1e300],
        select: ['không có', 'x'.repeat(100_000), ['a']],
        radios: ['không có', 'x'.repeat(100_000), ['a'], 1],
        checkboxes: ['không có', ['không có'], [1], 'x'.repeat(100_000), Array(1000).fill('x'), {}],
        agency: ['x'.repeat(100_000), ['HNI'], 1, 'HN\u0000I'],
      };
      for (const f of p.fields) {
        const control = f.showIf ? { [f.showIf.field]: f.showIf.equals[0] } : {};
        for (const value of bad[f.kind]) {
          const input = { ...p.example, ...control, [f.name]: value };
          const found = collect(p, input);
          assert.ok(
            found.some((i) => i.startsWith(`${f.name}: `)),
            `${f.name} (${f.kind}) accepted ${JSON.stringify(value)?.slice(0, 40)}: ${found.join('; ')}`,
          );
        }
      }
    });

    test('hostile whole inputs fail cleanly; unknown keys are dropped; markup is kept as text', () => {
      for (const input of [null, undefined, 'chuỗi', 42, [], [p.example], new Date(), () => 1]) {
        const result = p.schema.safeParse(input);
        assert.equal(result.success, false);
        for (const i of result.error?.issues ?? []) seenMessages.add(i.message);
      }
      const polluted = JSON.parse(`{"__proto__": {"admin": true}, "constructor": "x", "status": "returned"}`);
      const data = parse(p, { ...p.example, ...polluted, extra: 'x' });
      assert.deepEqual(Object.keys(data).filter((k) => !p.fields.some((f) => f.name === k)), []);
      assert.equal(({} as Record<string, unknown>).admin, undefined);
      // Escaping is the renderer's job: free text keeps what the citizen typed.
      const text = p.fields.find((f) => f.kind === 'textarea' && !f.showIf);
      assert.ok(text, 'every form has free text');
      const markup = '<script>alert("x")</script> & <b>đậm</b>';
      assert.equal(parse(p, { ...p.example, [text.name]: markup })[text.name], markup);
    });
  });
}

describe('parsing', () => {
  const yctha = () => byCode('YCTHA');

  test('text is trimmed, NFC-normalised and single-line fields collapse whitespace', () => {
    const decomposed = 'Nguyễn Thị  Lan'.normalize('NFD');
    const data = parse(yctha(), { ...yctha().example, fullName: `  ${decomposed}\n`, requestedItems: ' Dòng 1\r\nDòng 2 ' });
    assert.equal(data.fullName, 'Nguyễn Thị Lan');
    assert.equal(data.requestedItems, 'Dòng 1\nDòng 2');
  });

  test('the CCCD and phone are stored in their bare forms', () => {
    const data = parse(yctha(), { ...yctha().example, cccd: '001 188 012 345', phone: '+84 912.345.678' });
    assert.equal(data.cccd, '001188012345');
    assert.equal(data.phone, '0912345678');
  });

  test('the CCCD must match the year of the date of birth', () => {
    assert.deepEqual(collect(yctha(), { ...yctha().example, dateOfBirth: '1987-04-12' }), ['cccd: cccd.birth_year']);
    assert.deepEqual(collect(yctha(), { ...yctha().example, cccd: '001488012345' }), ['cccd: cccd.century']);
  });

  test('money accepts đồng with dots as thousands separators', () => {
    assert.equal(parseMoney('1.234.567'), 1_234_567);
    assert.equal(parseMoney('1234567'), 1_234_567);
    assert.equal(parseMoney('1 500 000 đồng'), 1_500_000);
    assert.equal(parseMoney('250.000đ'), 250_000);
    assert.equal(parseMoney('0'), 0);
    for (const bad of ['1,234,567', '1.5', '1.23.456', '.100', '-5', '', 'đồng', '9.999.999.999.999.999']) {
      assert.equal(parseMoney(bad), null, bad);
    }
    assert.equal(parse(yctha(), { ...yctha().example, amountRequested: '392.000.000 đồng' }).amountRequested, 392_000_000);
  });

  test('dates must be real, and not in the future', () => {
    assert.deepEqual(collect(yctha(), { ...yctha().example, dateOfBirth: '1988-02-30' }), ['dateOfBirth: date']);
    assert.deepEqual(collect(yctha(), { ...yctha().example, judgmentDate: '2026-11-24' }), ['judgmentDate: date_future']);
    assert.equal(parse(yctha(), { ...yctha().example, judgmentEffectiveDate: TODAY }).judgmentEffectiveDate, TODAY);
  });

  test('accepts FormData, reading every ticked box', () => {
    const dchv = byCode('DCHV');
    const form = new FormData();
    for (const [k, v] of Object.entries(dchv.example)) if (typeof v === 'string') form.append(k, v);
    form.append('grounds', 'prohibitedAct');
    form.set('email', '');
    const data = parse(dchv, form);
    assert.deepEqual(data.grounds, ['prohibitedAct', 'priorRole']);
    assert.equal('email' in data, false);
  });

  test('errors come out in the order of the form', () => {
    const found = collect(yctha(), { fullName: 'x'.repeat(101), phone: '123' }).map((i) => i.split(':')[0]);
    const order = yctha().fields.map((f) => f.name);
    assert.deepEqual(found, [...found].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)));
  });
});

describe('cross-field rules', () => {
  test('YCTHA: more than 5 years after the judgment took effect, a reason is required', () => {
    const p = byCode('YCTHA');
    const effective = addYears(TODAY, -6);
    const late = { ...p.example, judgmentDate: addYears(TODAY, -7), judgmentEffectiveDate: effective };
    assert.deepEqual(collect(p, late), ['limitationReason: limitation_reason']);
    const reason = 'Từ năm 2021 đến năm 2024 tôi điều trị ung thư tại Bệnh viện K, có hồ sơ bệnh án kèm theo.';
    assert.equal(parse(p, { ...late, limitationReason: reason }).limitationReason, reason);
    // Exactly 5 years is still in time; a day later is not.
    assert.deepEqual(collect(p, { ...late, judgmentEffectiveDate: addYears(TODAY, -5) }), []);
    const oneDayLate = at('2026-11-24', () => collect(p, { ...late, judgmentEffectiveDate: addYears(TODAY, -5) }));
    assert.deepEqual(oneDayLate, ['limitationReason: limitation_reason']);
  });

  test('YCTHA: the judgment cannot take effect before it is made', () => {
    const p = byCode('YCTHA');
    assert.deepEqual(collect(p, { ...p.example, judgmentEffectiveDate: '2025-09-14' }), ['judgmentEffectiveDate: effective_before_judgment']);
  });

  test('YCTHA: a debtor describes the creditor; a creditor the debtor', () => {
    const p = byCode('YCTHA');
    assert.deepEqual(collect(p, { ...p.example, applicantRole: 'debtor' }).sort(), [
      'creditorAddress: required',
      'creditorName: required',
    ]);
    const data = parse(p, { ...p.example, applicantRole: 'debtor', creditorName: 'Nguyễn Văn An', creditorAddress: 'Hà Nội' });
    assert.equal('debtorName' in data || 'bankAccountNumber' in data, false, 'hidden answers are not stored');
    assert.deepEqual(collect(p, { ...p.example, applicantRole: 'representative', creditorName: 'A', creditorAddress: 'B' }), [
      'representedName: required',
    ]);
  });

  test('complaint: the date learned cannot be in the future, nor before the act', () => {
    const p = byCode('KN');
    assert.deepEqual(collect(p, { ...p.example, dateLearned: '2026-11-24' }), ['dateLearned: date_future']);
    assert.deepEqual(collect(p, { ...p.example, dateLearned: '2026-11-01' }), ['dateLearned: learned_before_act']);
    assert.deepEqual(collect(p, { ...p.example, round: 'second' }).sort(), [
      'firstDecisionNumber: required',
      'firstDecisionReceivedOn: required',
    ]);
  });

  test('complaint: a related dossier code must be a real code (its check symbol); the obstacle is asked only after a yes', () => {
    const p = byCode('KN');
    assert.deepEqual(collect(p, { ...p.example, relatedDossierCode: '79-261102-Y58A6K' }), ['relatedDossierCode: dossier_code']);
    assert.deepEqual(collect(p, { ...p.example, relatedDossierCode: '79 261102 y58a6j' }), []);
    assert.deepEqual(collect(p, { ...p.example, forceMajeure: 'yes' }), ['forceMajeureWhat: required']);
    assert.deepEqual(collect(p, { ...p.example, forceMajeure: 'no', forceMajeureWhat: 'x' }), []);
  });

  test('MGCPCC: the amount paid cannot exceed the costs', () => {
    const p = byCode('MGCPCC');
    assert.deepEqual(collect(p, { ...p.example, amountPaid: '12.500.001' }), ['amountPaid: amount_paid_too_high']);
    assert.deepEqual(collect(p, { ...p.example, amountPaid: '12.500.000' }), []);
  });

  test('cross-field checks still run when other fields fail, so every error shows at once', () => {
    const p = byCode('KN');
    const found = collect(p, { ...p.example, fullName: '', dateLearned: '2026-11-01' });
    assert.deepEqual(found.sort(), ['dateLearned: learned_before_act', 'fullName: required']);
  });
});

describe('regimes', () => {
  test('DCHV: the old-regime-only ground is offered until 30 June 2026', () => {
    const p = byCode('DCHV');
    const grounds = field(p, 'grounds');
    assert.ok(optionsFor(grounds, '2026-06-30').some((o) => o.value === 'notImpartial'));
    assert.ok(!optionsFor(grounds, NEW_REGIME_FROM).some((o) => o.value === 'notImpartial'));
    assert.equal(optionsFor(grounds, NEW_REGIME_FROM).length, grounds.options!.length - 1);
    const input = { ...p.example, grounds: ['notImpartial', 'priorRole'] };
    assert.deepEqual(at('2026-06-30', () => collect(p, input)), []);
    assert.deepEqual(at('2026-07-01', () => collect(p, input)), ['grounds: option']);
  });

  test('time limits shrink where the new decree says so, and the citations follow', () => {
    const xnkq = byCode('XNKQ');
    assert.equal(rulesFor(xnkq, '2026-06-30').legalBasis[0]?.instrument, '26/2008/QH12');
    assert.ok(rulesFor(xnkq, '2026-07-01').legalBasis.some((c) => c.instrument === '152/2026/NĐ-CP'));
    assert.equal(rulesFor(byCode('TC'), '2026-07-01').timeLimit.unit, 'working');
  });
});

describe('enforcement fee estimate', () => {
  test('follows the fee table of Circular 216/2016', () => {
    assert.equal(estimateEnforcementFee(4_680_000, '2025-01-01'), 0);
    assert.equal(estimateEnforcementFee(4_680_001, '2025-01-01'), 140_400);
    assert.equal(estimateEnforcementFee(5_000_000, '2026-07-01'), 0, 'twice the 2026 base salary is 5,060,000');
    assert.equal(estimateEnforcementFee(100_000_000, '2026-11-23'), 3_000_000);
    assert.equal(estimateEnforcementFee(5_000_000_000, '2026-11-23'), 150_000_000);
    assert.equal(estimateEnforcementFee(6_000_000_000, '2026-11-23'), 170_000_000);
    assert.equal(estimateEnforcementFee(8_000_000_000, '2026-11-23'), 200_000_000);
    assert.equal(estimateEnforcementFee(12_000_000_000, '2026-11-23'), 230_000_000);
    assert.equal(estimateEnforcementFee(20_000_000_000, '2026-11-23'), 245_500_000);
  });
});

describe('error messages', () => {
  const yctha = () => byCode('YCTHA');
  const message = (code: string, name: string, key: string) => {
    const f = field(byCode(code), name);
    return { vi: fieldErrorText(f, key, 'vi'), en: fieldErrorText(f, key, 'en') };
  };

  test('every required field of every procedure says what to enter or choose, in both languages', () => {
    const verbs = { vi: /^(Nhập|Chọn|Trình bày|Nêu|Mô tả|Đánh dấu) /u, en: /^(Enter|Select|Describe|Say|Explain) / };
    let count = 0;
    for (const p of procedures) {
      const seen = { vi: new Set<string>(), en: new Set<string>() };
      for (const f of p.fields.filter((x) => x.required)) {
        count++;
        const text = f.errors?.required;
        assert.ok(text, `${p.code}.${f.name} has a required message`);
        for (const locale of ['vi', 'en'] as const) {
          assert.match(text[locale], verbs[locale], `${p.code}.${f.name}.${locale}: "${text[locale]}"`);
          assert.equal(fieldErrorText(f, 'required', locale), text[locale]);
          // Two fields with one message (the debtor's and the creditor's address) would be ambiguous in the summary.
          assert.ok(!seen[locale].has(text[locale]), `${p.code}.${f.name}: "${text[locale]}" is used twice`);
          seen[locale].add(text[locale]);
        }
        assert.notEqual(text.vi, text.en);
      }
    }
    // Counted by hand: YCTHA 17, XNKQ 12, DCHV 13, MGCPCC 13, MGPTHA 13, DCDS 12, KN 18, TC 10.
    assert.equal(count, 108, 'required fields in the catalog');
  });

  test('every field names itself in its other messages, and no two fields of a form share a name', () => {
    for (const p of procedures) {
      for (const locale of ['vi', 'en'] as const) {
        const subjects = p.fields.map((f) => (f.errors?.subject ?? f.label)[locale]);
        assert.deepEqual(subjects.filter((x, i) => subjects.indexOf(x) !== i), [], `${p.code} ${locale}`);
        // A required choice answers a forged value with its "choose" message instead (see the examples below).
        const choice = (x: FieldDef) => ['radios', 'checkboxes', 'select', 'agency'].includes(x.kind);
        for (const f of p.fields.filter((x) => !(choice(x) && x.required))) {
          for (const key of ['too_long', 'invalid', 'characters', 'date', 'date_future', 'money'] as const) {
            const text = fieldErrorText(f, key, locale);
            assert.ok(text.startsWith((f.errors?.subject ?? f.label)[locale]), `${p.code}.${f.name} ${key}: ${text}`);
          }
        }
      }
    }
  });

  test('specific examples read as written', () => {
    assert.deepEqual(message('YCTHA', 'fullName', 'required'), { vi: 'Nhập họ và tên', en: 'Enter your full name' });
    assert.deepEqual(message('YCTHA', 'applicantRole', 'required'), {
      vi: 'Chọn tư cách của bạn trong vụ việc',
      en: 'Select your role in the case',
    });
    // A choice that is not on the list (a forged post, or an option withdrawn since the form was loaded).
    assert.deepEqual(message('YCTHA', 'applicantRole', 'invalid'), message('YCTHA', 'applicantRole', 'required'));
    assert.deepEqual(message('DCHV', 'grounds', 'option'), {
      vi: 'Chọn ít nhất một căn cứ đề nghị thay đổi',
      en: 'Select at least one ground for the change',
    });
    assert.deepEqual(message('TC', 'protection', 'option'), {
      vi: 'Bảo vệ người tố cáo phải là một trong các phương án có sẵn',
      en: 'Protection must be one of the options listed',
    });
    assert.deepEqual(message('YCTHA', 'fullName', 'too_long'), {
      vi: 'Họ và tên phải có tối đa 100 ký tự',
      en: 'Full name must be 100 characters or fewer',
    });
    assert.deepEqual(message('YCTHA', 'requestedItems', 'too_long'), {
      vi: 'Nội dung yêu cầu thi hành án phải có tối đa 5.000 ký tự',
      en: 'Your description of what to enforce must be 5,000 characters or fewer',
    });
    assert.deepEqual(message('YCTHA', 'debtorAddress', 'required'), {
      vi: 'Nhập địa chỉ của người phải thi hành án',
      en: 'Enter the judgment debtor’s address',
    });
    assert.deepEqual(message('YCTHA', 'creditorAddress', 'too_long'), {
      vi: 'Địa chỉ của người được thi hành án phải có tối đa 300 ký tự',
      en: 'The judgment creditor’s address must be 300 characters or fewer',
    });
    assert.deepEqual(message('YCTHA', 'dateOfBirth', 'date_future'), {
      vi: 'Ngày sinh phải là hôm nay hoặc một ngày đã qua',
      en: 'Date of birth must be today or in the past',
    });
    assert.deepEqual(message('KN', 'firstDecisionReceivedOn', 'date'), {
      vi: 'Ngày bạn nhận quyết định giải quyết khiếu nại lần đầu phải là một ngày có thật',
      en: 'Date you received the decision on your first complaint must be a real date',
    });
    assert.deepEqual(message('MGCPCC', 'amountPaid', 'money'), {
      vi: 'Số tiền đã nộp phải là số tiền tính bằng đồng, chỉ gồm chữ số, ví dụ 1.500.000',
      en: 'Amount already paid must be an amount in đồng, in figures only, like 1.500.000',
    });
    assert.deepEqual(message('YCTHA', 'cccd', 'cccd.format'), {
      vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
      en: 'Your personal ID number must be exactly 12 digits',
    });
    assert.deepEqual(message('TC', 'declaration', 'required'), {
      vi: 'Đánh dấu vào ô cam kết để gửi tố cáo',
      en: 'Select the box to confirm your declaration',
    });
    assert.deepEqual(message('DCDS', 'explanation', 'characters'), {
      vi: 'Phần trình bày có ký tự không được phép — hãy xóa và gõ lại',
      en: 'Your explanation contains characters that are not allowed — delete them and type it again',
    });
  });

  test('an empty request for enforcement gets each field’s own message, never the generic one', () => {
    const p = yctha();
    const result = p.schema.safeParse({});
    assert.equal(result.success, false);
    const texts = result.error!.issues.map((i) => fieldErrorText(field(p, String(i.path[0])), i.message, 'vi'));
    assert.deepEqual(texts, [
      'Nhập họ và tên',
      'Nhập số định danh cá nhân (số CCCD)',
      'Nhập ngày sinh',
      'Nhập địa chỉ liên hệ',
      'Nhập số điện thoại di động',
      'Chọn tư cách của bạn trong vụ việc',
      'Chọn cơ quan thi hành án dân sự nhận hồ sơ',
      'Nhập tên tòa án hoặc cơ quan đã ra bản án, quyết định',
      'Nhập số bản án, quyết định',
      'Nhập ngày ra bản án, quyết định',
      'Nhập ngày bản án, quyết định có hiệu lực pháp luật',
      'Nhập nội dung yêu cầu thi hành án',
    ]);
  });

  test('every message a schema produced is an error key, and every key was produced', () => {
    // Runs after the tests above fed the schemas invalid input and collected what came back.
    // Attachment and agency errors come from the dossier service (files by their bytes, agencies in the database),
    // not from a schema; tests/integration/application.test.ts produces them.
    const fromDossierService = (k: string) => k.startsWith('file.') || k === 'document_missing' || k === 'agency_unknown';
    assert.deepEqual([...seenMessages].filter((m) => !(errorKeys as readonly string[]).includes(m)), []);
    assert.deepEqual(errorKeys.filter((k) => !seenMessages.has(k) && !fromDossierService(k)), []);
  });

  test('every message exists in both languages and reads as a sentence', () => {
    const f = field(yctha(), 'fullName');
    for (const key of errorKeys) {
      const text = { vi: fieldErrorText(f, key, 'vi'), en: fieldErrorText(f, key, 'en') };
      assert.ok(text.vi.trim() && text.en.trim() && text.vi !== text.en, key);
      assert.match(text.vi, /^[A-ZĐÀ-Ỹ]/u, `${key} starts with a capital`);
      assert.match(text.en, /^[A-Z]/, key);
    }
  });
});

describe('conditions in words', () => {
  test('a conditional field’s hint says when it applies, from the condition’s own labels', () => {
    const p = byCode('YCTHA');
    assert.deepEqual(conditionText(p.fields, field(p, 'representedName').showIf!, 'field'), {
      vi: 'Chỉ trả lời nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người đại diện của đương sự”; nếu không, câu trả lời này không được lưu.',
      en: 'Only answer this if you chose “A representative of one of the parties” for “Your role in the case”; otherwise your answer is not kept.',
    });
    assert.deepEqual(conditionText(p.fields, field(p, 'creditorName').showIf!, 'notKept'), {
      vi: 'Chỉ áp dụng nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người phải thi hành án” hoặc “Người đại diện của đương sự”.',
      en: 'Applies only if you chose “The judgment debtor (the party who owes)” or “A representative of one of the parties” for “Your role in the case”.',
    });
  });

  test('a section whose questions share one condition says it once', () => {
    const p = byCode('YCTHA');
    const inSection = (id: string) => p.fields.filter((f) => f.section === id);
    const debtor = sharedCondition(inSection('debtor'));
    assert.deepEqual(debtor, { field: 'applicantRole', equals: ['creditor', 'representative'] });
    assert.equal(
      conditionText(p.fields, debtor, 'section').vi,
      'Chỉ trả lời phần này nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người được thi hành án” hoặc “Người đại diện của đương sự”; nếu không, các câu trả lời trong phần này không được lưu.',
    );
    assert.equal(sharedCondition(inSection('applicant')), undefined, 'only the representative’s question is conditional');
    assert.equal(sharedCondition(inSection('judgment')), undefined);
    const kn = byCode('KN');
    assert.equal(sharedCondition(kn.fields.filter((f) => f.section === 'complained')), undefined);
  });
});
