// Browser test of the questionnaire page (ctest: web.chromium): puppeteer-core drives Debian's
// chromium, headless, over file://. Takes the whole core form by keyboard, reloads after 10
// answers and resumes, checks the scores against the native CLI, downloads the result, fails on
// any request beyond loading the page itself, and takes screenshots at 390 and 1280 px.
// SECUREBASE_WEB_PAGE: the built page; SECUREBASE_CLI: the native securebase;
// SECUREBASE_SCREENSHOTS: where to write the screenshots (default: docs/web/ of this checkout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const pagePath = process.env.SECUREBASE_WEB_PAGE;
const cli = process.env.SECUREBASE_CLI;
const shots = process.env.SECUREBASE_SCREENSHOTS || join(here, '..', '..', 'docs', 'web');
if (!pagePath || !cli) throw new Error('set SECUREBASE_WEB_PAGE and SECUREBASE_CLI');
const pageUrl = pathToFileURL(pagePath).href;

// The answers typed: item k (from 1) gets 1 + (5k mod 7), a spread over the whole range.
const typed = (k) => 1 + ((5 * k) % 7);

async function open(browser, width, requests) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => requests.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') requests.push(`console error: ${m.text()}`); });
  await page.goto(pageUrl);
  await page.waitForSelector('h1');
  return page;
}

// Scrolls the report's plane (its SVG) into view, for the screenshot.
async function showPlane(page) {
  await page.evaluate(() => document.querySelector('#report').contentDocument.querySelector('svg').scrollIntoView({ block: 'center' }));
}

// Requests other than loading the page itself (blob: URLs of downloads are made in the page).
const foreign = (requests) => requests.filter((u) => u !== pageUrl && !u.startsWith('blob:'));

test('the core form by keyboard, resume after a reload, scores as the CLI, download, no request', async () => {
  const downloads = mkdtempSync(join(tmpdir(), 'securebase-web-'));
  mkdirSync(shots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-US'],
  });
  const requests = [];
  try {
    const page = await open(browser, 390, requests);
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.screenshot({ path: join(shots, 'intro-390.png'), fullPage: true });
    await page.keyboard.press('Enter');  // "Start" has the focus
    await page.waitForSelector('#statement');
    for (let k = 1; k <= 10; ++k) {
      await page.keyboard.press(String(typed(k)));
      await page.waitForFunction((n) => document.querySelector('#progress-text')?.textContent.startsWith(`Statement ${n} `), {}, k + 1);
    }
    await page.screenshot({ path: join(shots, 'statement-390.png') });
    await page.reload();
    await page.waitForSelector('#resume');
    assert.match(await page.$eval('#saved', (e) => e.textContent), /10 of 36/);
    await page.keyboard.press('Enter');  // "Resume" has the focus
    await page.waitForSelector('#statement');
    assert.match(await page.$eval('#progress-text', (e) => e.textContent), /^Statement 11 of 36/);
    for (let k = 11; k <= 36; ++k) {
      await page.keyboard.press(String(typed(k)));
      if (k < 36) await page.waitForFunction((n) => document.querySelector('#progress-text')?.textContent.startsWith(`Statement ${n} `), {}, k + 1);
    }
    await page.waitForSelector('#finish');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#report[data-ready]');
    const result = await page.evaluate(() => window.securebaseResult);
    const answers = Array.from({ length: 36 }, (_, i) => `${i + 1}=${typed(i + 1)}`).join(' ');
    const native = JSON.parse(execFileSync(cli, ['score', '-i', 'securebase-core', '-a', '-', '--format', 'json'],
                                           { input: answers, encoding: 'utf8' }));
    // source: the native CLI scoring the same answers
    for (const s of native.scales) {
      const got = result.scales.find((x) => x.id === s.id);
      assert.equal(got.value, s.value, s.id);
    }
    await page.click('#download');
    let files = [];
    for (let i = 0; i < 50 && files.length === 0; ++i) {
      await new Promise((r) => setTimeout(r, 100));
      files = readdirSync(downloads).filter((f) => f.endsWith('.json'));
    }
    assert.equal(files.length, 1);
    const saved = JSON.parse(readFileSync(join(downloads, files[0]), 'utf8'));
    assert.equal(saved.schema, 'securebase-result');
    assert.deepEqual(saved.scales.map((s) => s.value), result.scales.map((s) => s.value));
    // The CLI reads the downloaded file back: report renders it, compare accepts it.
    const report = execFileSync(cli, ['report', join(downloads, files[0]), '-f', 'json'], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(report).scales.map((s) => s.value), native.scales.map((s) => s.value));
    const earlier = join(downloads, 'earlier-native.json');
    writeFileSync(earlier, JSON.stringify(native));
    const change = execFileSync(cli, ['compare', earlier, join(downloads, files[0]), '--lang', 'en'], { encoding: 'utf8' });
    assert.ok(change.length > 0);
    await showPlane(page);
    await page.screenshot({ path: join(shots, 'result-390.png') });
    const wide = await open(browser, 1280, requests);
    await wide.waitForSelector('#resume');
    await wide.screenshot({ path: join(shots, 'intro-1280.png') });
    await wide.click('#resume');
    await wide.waitForSelector('#finish');
    await wide.click('#finish');
    await wide.waitForSelector('#report[data-ready]');
    await showPlane(wide);
    await wide.screenshot({ path: join(shots, 'result-1280.png') });
  } finally {
    await browser.close();
  }
  assert.deepEqual(foreign(requests), []);
});

test('Spanish, the brief form, skip and back, and comparing with a previous result', async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-US'],
  });
  const requests = [];
  try {
    const page = await open(browser, 360, requests);
    await page.select('#lang', 'es');
    await page.waitForFunction(() => document.querySelector('h1').textContent === 'cuestionario securebase');
    assert.equal(await page.$eval('html', (e) => e.lang), 'es');
    await page.select('#form', 'securebase-brief');
    await page.click('#start');
    await page.waitForSelector('#statement');
    assert.match(await page.$eval('#progress-text', (e) => e.textContent), /^Frase 1 de 12/);
    await page.keyboard.press('s');  // skip the first statement
    await page.waitForFunction(() => document.querySelector('#progress-text').textContent.startsWith('Frase 2 '));
    await page.keyboard.press('b');  // back to it, then skip it again by its button
    await page.waitForFunction(() => document.querySelector('#progress-text').textContent.startsWith('Frase 1 '));
    await page.click('#skip');
    for (let k = 2; k <= 12; ++k) {
      await page.waitForFunction((n) => document.querySelector('#progress-text')?.textContent.startsWith(`Frase ${n} `), {}, k);
      await page.keyboard.press(String(typed(k)));
    }
    await page.waitForSelector('#finish');
    assert.match(await page.$eval('main', (e) => e.textContent), /1 frase\(s\) sin responder/);
    await page.click('#finish');
    await page.waitForSelector('#report[data-ready]');
    const result = await page.evaluate(() => window.securebaseResult);
    assert.equal(result.instrument.id, 'securebase-brief');
    assert.equal(result.feedback.language, 'es');
    assert.equal(result.answers.filter((a) => a.value === null).length, 1);
    // Compare with a previous result: this one, loaded from a file, gives a change block.
    const file = join(mkdtempSync(join(tmpdir(), 'securebase-web-')), 'previous.json');
    writeFileSync(file, JSON.stringify(result));
    const input = await page.$('#previous');
    await input.uploadFile(file);
    await page.waitForSelector('#change-block');
    assert.ok((await page.$eval('#change-block', (e) => e.textContent)).length > 40);
    // The page holds at 360 px: nothing wider than the screen.
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 360).map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    assert.deepEqual(wide, []);
  } finally {
    await browser.close();
  }
  assert.deepEqual(foreign(requests), []);
});
