// Every problem code a service or an action refuses with has its sentence, in each language the page that shows it
// is in; every sentence kept for a code is for a code that exists; and every code is one its service can give (the
// code appears in the service's source). Codes are snake_case (a dot groups them: `file.too_large`). The lists of
// codes are the services' own (src/server); the sentences are the dictionaries' (src/i18n) and the catalog's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { dict } from '../../src/i18n/index.ts';
import { staffText } from '../../src/i18n/staff/index.ts';
import { adminRefusals } from '../../src/server/admin/access.ts';
import { passwordProblems } from '../../src/server/auth/password.ts';
import { enableTotpProblems } from '../../src/server/auth/totp.ts';
import { errorKeys, errorText, fieldErrorText } from '../../src/server/catalog/errors.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { csvFileProblems } from '../../src/server/csv-import.ts';
import { grantProblems } from '../../src/server/denouncers/vault.ts';
import { actionProblems } from '../../src/server/dossiers/staff-action-parts.ts';
import { trackingProblems } from '../../src/server/dossiers/tracking.ts';
import { transitionRefusals } from '../../src/server/dossiers/transition.ts';
import { resultFieldProblems } from '../../src/server/enforcement-results/csv.ts';
import { visitFieldProblems, visitRefusals } from '../../src/server/reception-visits.ts';
import { entryFieldProblems, registryRefusals } from '../../src/server/registry/admin.ts';
import { importJobProblems } from '../../src/server/registry/import-jobs.ts';
import { importRowProblems } from '../../src/server/registry/import.ts';
import { queryProblems } from '../../src/server/registry/search.ts';

const root = path.resolve(import.meta.dirname, '../..');
const source = (...files: string[]) => files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');

type Text = string | ((...args: never[]) => string);
/** A sentence, whether it is written out or made from the problem's details (a field's label, a number). */
function sentence(text: Text | undefined): string | undefined {
  if (text === undefined) return undefined;
  return typeof text === 'function' ? (text as (...args: unknown[]) => string)('Họ và tên', 5, 5) : text;
}

interface Family {
  name: string;
  codes: readonly string[];
  /** The sentences kept for these codes, per language shown. */
  texts: Partial<Record<'vi' | 'en', Record<string, Text>>>;
  /** Codes answered otherwise than by a sentence of this map (say how, in a comment where the family is listed). */
  elsewhere?: readonly string[];
  /** The service files that give the codes. */
  producers: readonly string[];
}


const families: Family[] = [
  {
    name: 'tracking look-up, supplement and withdrawal',
    codes: trackingProblems,
    texts: { vi: dict('vi').track.problems, en: dict('en').track.problems },
    producers: ['src/server/dossiers/tracking.ts', 'src/server/dossiers/pin-lockout.ts', 'src/actions/index.ts'],
  },
  {
    name: 'public list search',
    codes: queryProblems,
    texts: { vi: dict('vi').registry.problems, en: dict('en').registry.problems },
    producers: ['src/server/registry/search.ts'],
  },
  {
    name: 'dossier actions (back office)',
    codes: [...actionProblems, ...transitionRefusals],
    texts: { vi: staffText.dossier.problems },
    producers: ['src/server/dossiers/staff-action-parts.ts', 'src/server/dossiers/staff-actions.ts', 'src/server/dossiers/petition-actions.ts', 'src/server/dossiers/transition.ts'],
  },
  // 'invalid' is answered field by field (staffText.admin.fieldProblems).
  { name: 'staff accounts', codes: adminRefusals, elsewhere: ['invalid'], texts: { vi: staffText.admin.staff.problems }, producers: ['src/server/admin/access.ts', 'src/server/admin/staff-accounts.ts'] },
  { name: 'agency contacts', codes: adminRefusals, elsewhere: ['invalid', 'self'], texts: { vi: staffText.admin.agencies.problems }, producers: ['src/server/admin/access.ts', 'src/server/admin/agency-contacts.ts'] },
  { name: 'calendar days', codes: adminRefusals, elsewhere: ['invalid', 'self'], texts: { vi: staffText.admin.calendar.problems }, producers: ['src/server/admin/access.ts', 'src/server/admin/calendar-days.ts'] },
  { name: 'a password an administrator sets', codes: passwordProblems, texts: { vi: staffText.admin.passwordProblems }, producers: ['src/server/auth/password.ts'] },
  {
    name: 'a password staff change themselves',
    codes: [...passwordProblems, 'wrong_password', 'same_password', 'mismatch', 'throttled'],
    texts: { vi: staffText.auth.account.passwordProblems },
    producers: ['src/server/auth/password.ts', 'src/server/auth/signin.ts', 'src/actions/staff.ts'],
  },
  { name: 'turning on two-step verification', codes: enableTotpProblems, texts: { vi: staffText.auth.account.twoStepProblems }, producers: ['src/server/auth/totp.ts'] },
  // Granting and reading are two forms with words of their own for the same codes; a reader not allowed gets the
  // 403 page, not a sentence.
  {
    name: "granting access to a denouncer's identity",
    codes: grantProblems,
    texts: { vi: staffText.denouncer.grantProblems },
    producers: ['src/server/denouncers/vault.ts', 'src/loaders/staff/denouncer.ts'],
  },
  {
    name: "reading a denouncer's identity",
    codes: ['reason_required', 'reason_too_long', 'undecryptable', 'not_allowed'],
    elsewhere: ['not_allowed'],
    texts: { vi: staffText.denouncer.readProblems },
    producers: ['src/server/denouncers/vault.ts'],
  },
  // 'invalid' is answered field by field (the `field` group).
  { name: 'public list entries', codes: registryRefusals, elsewhere: ['invalid'], texts: { vi: staffText.registry.problems.refusal }, producers: ['src/server/registry/admin.ts'] },
  { name: "a public list entry's fields", codes: entryFieldProblems, texts: { vi: staffText.registry.problems.field }, producers: ['src/server/registry/admin.ts'] },
  {
    name: 'a public list import',
    codes: [...importRowProblems, ...csvFileProblems],
    texts: { vi: staffText.registry.problems.import },
    producers: ['src/server/registry/import.ts', 'src/server/csv-import.ts'],
  },
  { name: 'writing a checked import', codes: importJobProblems, texts: { vi: staffText.registry.problems.commit }, producers: ['src/server/registry/import-jobs.ts'] },
  // 'invalid' is answered field by field (staffText.visits.problems).
  { name: 'reception log', codes: visitRefusals, elsewhere: ['invalid'], texts: { vi: staffText.visits.refusals }, producers: ['src/server/reception-visits.ts'] },
  { name: "a reception log entry's fields", codes: visitFieldProblems, texts: { vi: staffText.visits.problems }, producers: ['src/server/reception-visits.ts'] },
  // A repeated row has its own sentence with the line it repeats (staffText.enforcement.duplicateRow).
  {
    name: 'an enforcement results import',
    codes: [...resultFieldProblems, ...csvFileProblems, 'duplicate_row'],
    elsewhere: ['duplicate_row'],
    texts: { vi: staffText.enforcement.problems },
    producers: ['src/server/enforcement-results/csv.ts', 'src/server/csv-import.ts'],
  },
];

for (const family of families) {
  test(`${family.name}: every code has its sentence, every sentence its code`, () => {
    const answered = family.codes.filter((c) => !family.elsewhere?.includes(c));
    for (const [locale, texts] of Object.entries(family.texts)) {
      const missing = answered.filter((c) => !sentence(texts[c])?.trim());
      assert.deepEqual(missing, [], `${locale}: codes without a sentence`);
      const orphans = Object.keys(texts).filter((k) => !family.codes.includes(k));
      assert.deepEqual(orphans, [], `${locale}: sentences without a code`);
    }
  });

  test(`${family.name}: every code is snake_case and one its service gives`, () => {
    const code = /^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)?$/;
    assert.deepEqual(family.codes.filter((c) => !code.test(c)), [], 'not snake_case');
    const text = source(...family.producers);
    assert.deepEqual(family.codes.filter((c) => !text.includes(`'${c}'`)), [], 'never given');
  });
}

test("the catalog's field problems: a sentence in both languages for each, none falling back to the generic one", () => {
  const field = procedureByCode('YCTHA')!.fields.find((f) => f.name === 'fullName')!;
  const generic = { vi: errorText('no_such_code', 'vi'), en: errorText('no_such_code', 'en') };
  for (const key of errorKeys) {
    for (const locale of ['vi', 'en'] as const) {
      const text = fieldErrorText(field, key, locale);
      assert.ok(text.trim() !== '' && (key === 'invalid' || text !== generic[locale]), `${key} (${locale}): ${text}`);
    }
  }
  assert.deepEqual(errorKeys.filter((k) => !/^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)?$/.test(k)), [], 'not snake_case');
  const producers = source(
    ...fs.readdirSync(path.join(root, 'src/server/catalog')).map((f) => `src/server/catalog/${f}`).filter((f) => f.endsWith('.ts') && !f.endsWith('errors.ts')),
    'src/server/dossiers/application.ts',
    'src/server/dossiers/tracking.ts',
    'src/loaders/action-refusal.ts',
  );
  // The ID number's checks give their own reasons, which the parser prefixes (`cccd.${reason}`, catalog/parse.ts).
  const cccd = source('src/server/validation/cccd.ts');
  const given = (k: string) => producers.includes(`'${k}'`) || (k.startsWith('cccd.') && cccd.includes(`'${k.slice(5)}'`));
  assert.deepEqual(errorKeys.filter((k) => !given(k)), [], 'never given');
});
