import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveMarkup } from '../fuzz/hostile.ts';

// The fuzzer's markup property (tests/fuzz) must see a payload that became markup, and only that.
test('a payload that became an element, an attribute or a javascript: link is live', () => {
  assert.match(liveMarkup('<p>Xin chào <x-fuzz-xfz1n2>') ?? '', /<x-fuzz-xfz1n2>/);
  assert.match(liveMarkup('<input value="" data-xfz1n2="1">') ?? '', /data-xfz1n2/);
  assert.match(liveMarkup('<input value=""><img src=x onerror=xfz3()>">') ?? '', /onerror=xfz3/);
  assert.match(liveMarkup('<a href="javascript:xfz4()">') ?? '', /javascript:xfz4/);
  assert.match(liveMarkup("<div title='' onmouseover='xfz5()'>") ?? '', /onmouseover/);
});

test('an escaped payload, or one inside a double-quoted attribute value, is inert', () => {
  assert.equal(liveMarkup('<p>&lt;x-fuzz-xfz1n2&gt;</p>'), null);
  assert.equal(liveMarkup('<input value="<x-fuzz-xfz1n2>">'), null);
  assert.equal(liveMarkup('<input value="&quot; data-xfz1n2=&quot;1">'), null);
  assert.equal(liveMarkup(`<input value="' onmouseover='xfz5()">`), null);
  assert.equal(liveMarkup('<p>javascript:xfz4()</p>'), null);
});
