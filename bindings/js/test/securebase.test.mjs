// Tests of the securebase ES module (bindings/js) with Node's test runner, under ctest (js.node):
// golden vectors for every instrument, parity with the native CLI, errors, and the size budget.
// SECUREBASE_JS_PACKAGE: the built package (build/wasm/bindings/js/package);
// SECUREBASE_CLI: the native securebase, for live parity (the golden files come from it too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cases, here } from './cases.mjs';
import { differences, nativeResult } from './native.mjs';

const pkg = process.env.SECUREBASE_JS_PACKAGE;
if (!pkg) throw new Error('set SECUREBASE_JS_PACKAGE to the built package folder');
const sb = await import(join(pkg, 'securebase.mjs'));
const cli = process.env.SECUREBASE_CLI;

const ids = sb.instruments().map((i) => i.id);
const all = cases(ids);

function wasmResult(c) {
  return sb.score(c.answers, { instrument: c.instrument, lang: c.lang, norms: c.norms });
}

test('every instrument in instruments/ is embedded in the module', () => {
  const files = readdirSync(join(here, '..', '..', '..', 'instruments'))
    .filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual([...ids].sort(), files);
});

for (const c of all) {
  test(`golden: ${c.name} scores as the native CLI did (strings identical, numbers within 1 ulp)`, () => {
    // source: golden/<case>.json, written by the native `securebase score --format json`
    const golden = JSON.parse(readFileSync(join(here, 'golden', `${c.name}.json`), 'utf8'));
    assert.deepEqual(differences(wasmResult(c), golden), []);
  });
}

test('parity: every case against the native CLI of this build', { skip: !cli && 'SECUREBASE_CLI not set' }, () => {
  for (const c of all) {
    const native = JSON.parse(nativeResult(cli, c));
    assert.deepEqual(differences(wasmResult(c), native), [], c.name);
  }
});

test('a hand-checked score: all answers 4 give 4 on both dimensions of securebase-core', () => {
  // source: hand computation, the mean of twelve 4s is 4, reversed 8 - 4 = 4 too
  const r = sb.score(Array(36).fill(4));
  assert.equal(r.scales.find((s) => s.id === 'anxiety').value, 4);
  assert.equal(r.scales.find((s) => s.id === 'avoidance').value, 4);
  assert.equal(r.feedback.blocks[0].id, 'disclaimer');
  assert.equal(r.feedback.blocks[1].id, 'help');
});

test('answers as an object, an array and text give the same result', () => {
  const text = all.find((c) => c.name === 'securebase-core').answers;
  const values = text.trim().split(' ').map((p) => Number(p.split('=')[1]));
  const byId = Object.fromEntries(sb.instrument('securebase-core').itemList.map((it, i) => [it.id, values[i]]));
  const a = sb.score(text);
  assert.deepEqual(sb.score(values), a);
  assert.deepEqual(sb.score(byId), a);
});

test('completed is recorded as take records it, and a report shows it', () => {
  const r = sb.score(Array(36).fill(4), { completed: new Date(Date.UTC(2026, 11, 7, 5, 20, 47, 123)) });
  // source: the Date above, written as results write times
  assert.equal(r.administration.completed, '2026-12-07T05:20:47Z');
  assert.equal(r.administration.order.length, 36);
  assert.equal(r.administration.seed, null);
  assert.match(sb.renderHtml(r), /2026-12-07/);
});

test('instrument() gives items, labels and wording', () => {
  const core = sb.instrument('securebase-core');
  assert.equal(core.itemList.length, 36);
  assert.equal(core.responseScale.labels.length, 7);
  assert.equal(typeof core.itemList[0].text, 'string');
  const es = sb.instrument('securebase-core', { lang: 'es' });
  assert.equal(es.language, 'es');
  assert.notEqual(es.itemList[0].text, core.itemList[0].text);
  // Published instruments ship no wording: items are there, their text is null.
  assert.equal(sb.instrument('ecr-r').itemList[0].text, null);
});

test('renderHtml, explain and compare', () => {
  const first = sb.score(Array(36).fill(4));
  const html = sb.renderHtml(first, { lang: 'es' });
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.match(html, /<svg/);
  assert.equal(sb.explain(JSON.stringify(first), { lang: 'es' }).feedback.language, 'es');
  const later = sb.score(Array(36).fill(6));
  const cmp = sb.compare(first, later);
  assert.ok(cmp.change.scales.length >= 2);
  assert.ok(cmp.result.feedback.blocks.some((b) => b.id === 'change'));
});

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof sb.SecurebaseError, String(e));
    return e.code;
  }
  return 0;
}

test('errors carry the stable codes of docs/errors.md', () => {
  assert.equal(code(() => sb.score({ nosuchitem: 3 })), 202);
  assert.equal(code(() => sb.score('1=9')), 203);
  assert.equal(code(() => sb.score('1=2.5')), 204);
  assert.equal(code(() => sb.score('1=2 1=3')), 205);
  assert.equal(code(() => sb.score('{"1": ')), 201);
  assert.equal(code(() => sb.score('1=2', { instrument: 'no-such' })), 107);
  assert.equal(code(() => sb.score('1=2', { instrument: 'ecr-5', norms: 'nope' })), 301);
  assert.equal(code(() => sb.instrument('no-such')), 107);
  assert.equal(code(() => sb.renderHtml('{')), 401);
  assert.equal(code(() => sb.explain('{"schema": "securebase-result"}')), 402);
  assert.equal(code(() => sb.score('1=2', { lang: 'xx' })), 504);
  const other = sb.score('1=2', { instrument: 'raas' });
  assert.equal(code(() => sb.compare(sb.score('1=2'), other)), 404);
  assert.equal(code(() => sb.score('1=2', { completed: 'yesterday' })), 402);
  assert.throws(() => sb.score(42), TypeError);
});

test('size budget: .wasm at most 1 MB, 300 KB gzipped', () => {
  const text = readFileSync(join(pkg, 'securebase.mjs'), 'utf8');
  const wasm = Buffer.from(text.match(/SECUREBASE_WASM_BASE64 = "([^"]+)"/)[1], 'base64');
  const gz = gzipSync(wasm, { level: 9 }).length;
  console.log(`securebase .wasm: ${wasm.length} bytes, ${gz} gzipped`);
  assert.ok(wasm.length <= 1024 * 1024);
  assert.ok(gz <= 300 * 1024);
});
