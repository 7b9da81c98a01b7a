// Per-respondent time of the WebAssembly module: score() (scores, profile, feedback, result
// JSON) and score() + renderHtml(), in Node and in Debian's chromium (headless, through the
// questionnaire page). Prints milliseconds per respondent; asserts nothing.
//   node bench/wasm_bench.mjs [RESPONDENTS]      after scripts/build-wasm.sh
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] || 500);
const pkg = join(root, 'build', 'wasm', 'bindings', 'js', 'package', 'securebase.mjs');
const page = join(root, 'build', 'wasm', 'bindings', 'js', 'web', 'securebase.html');

// The timed loop, the same text in Node and in the browser: `sb` is the API.
function run(sb, count) {
  let seed = 12345;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const people = Array.from({ length: count }, () => Array.from({ length: 36 }, () => 1 + (next() % 7)));
  sb.score(people[0]);  // warm: the instrument and feedback text are read once
  let t0 = performance.now();
  for (const a of people) sb.score(a);
  const score = (performance.now() - t0) / count;
  t0 = performance.now();
  for (const a of people) sb.renderHtml(sb.score(a));
  const html = (performance.now() - t0) / count;
  return { score, html };
}

const t0 = performance.now();
const sb = await import(pathToFileURL(pkg).href);
const load = performance.now() - t0;
const node = run(sb, n);
console.log(`node ${process.version}: import ${load.toFixed(0)} ms; score ${node.score.toFixed(2)} ms, ` +
            `score + renderHtml ${node.html.toFixed(2)} ms per respondent (${n} respondents)`);

const require = createRequire(join(root, 'web', 'test', 'package.json'));
const puppeteer = require('puppeteer-core');
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
                                         args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tab = await browser.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForFunction(() => typeof sb !== 'undefined' && sb !== null);
  // eslint-disable-next-line no-new-func
  const chromium = await tab.evaluate(`(${run.toString()})(sb, ${n})`);
  console.log(`chromium ${await browser.version()}: score ${chromium.score.toFixed(2)} ms, ` +
              `score + renderHtml ${chromium.html.toFixed(2)} ms per respondent`);
} finally {
  await browser.close();
}
