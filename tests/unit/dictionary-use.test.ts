// Every text of the dictionaries is used: a text no page, loader or service names is a dead one (it drifts from the
// page it once served, and translators keep it up for nothing). A text counts as used when its key is named in
// src outside the dictionaries, or when it belongs to a map the code reads by a key from data (`problems[code]`,
// `reasons[entry.reason]`): those maps are held to their codes by problem-texts.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { staffText } from '../../src/i18n/staff/index.ts';
import { en } from '../../src/i18n/en.ts';
import { vi } from '../../src/i18n/vi.ts';

const src = path.resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
// The dictionaries themselves do not count, except where one section is made of another's words (staff/*.ts).
const code = files(src)
  .filter((f) => /\.(ts|astro)$/.test(f) && !/\/i18n\/(vi|en)\.ts$/.test(f) && !/\/i18n\/staff\/(?!index\.ts)/.test(f))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

const named = (key: string) => new RegExp(`(?<![\\w-])${key.replace(/\./g, '\\.')}(?![\\w-])`).test(code);
// `map[key]`, `map?.[key]`, or the map handed to a function that looks a key up in it (`textOf(t.map, code, …)`).
const readByKey = (map: string) => map !== '' && new RegExp(`\\b${map}(\\?\\.)?\\[|\\([\\w.]*\\b${map}, `).test(code);

function unusedIn(dictionary: object, name: string): string[] {
  const unused: string[] = [];
  const walk = (node: object, trail: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (!named(key)) {
        if (!readByKey(trail.at(-1) ?? '')) unused.push([...trail, key].join('.'));
        continue;
      }
      if (value && typeof value === 'object' && !Array.isArray(value)) walk(value, [...trail, key]);
    }
  };
  walk(dictionary, [name]);
  return unused;
}

test('every citizen text is used', () => {
  assert.deepEqual(unusedIn(vi, 'vi'), []);
});

test('every back-office text is used', () => {
  assert.deepEqual(unusedIn(staffText, 'staffText'), []);
});

test('English has exactly the Vietnamese keys', () => {
  const keys = (node: object, trail = ''): string[] =>
    Object.entries(node).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${trail}${k}.`) : [`${trail}${k}`]));
  assert.deepEqual(keys(en).sort(), keys(vi).sort());
});
