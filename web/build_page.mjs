// Builds the questionnaire page: one HTML file holding the WebAssembly core, the API, the app
// and its style, with a Content-Security-Policy that allows those inline parts (by hash) and
// nothing else: no fetch, no image, no font, no form target, no frame from anywhere.
//   node web/build_page.mjs PACKAGE_DIR OUT.html
// Run by bindings/js/CMakeLists.txt after each link of the module.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [pkg, out] = process.argv.slice(2);
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const script = readFileSync(join(pkg, 'securebase-inline.js'), 'utf8') + '\n' +
  readFileSync(join(here, 'app.js'), 'utf8');
const style = readFileSync(join(here, 'style.css'), 'utf8');
// The report shown in the page (an <iframe srcdoc>, which inherits this policy) has one
// <style>, the same for every result: allowed by its hash, taken from a rendered report.
const sb = await import(join(pkg, 'securebase.mjs'));
const report = sb.renderHtml(sb.score({}, { instrument: 'securebase-core' }));
const reportStyle = report.match(/<style>([\s\S]*?)<\/style>/)[1];

const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)} ${sha(reportStyle)}`,
  "img-src 'none'", "connect-src 'none'", "font-src 'none'", "media-src 'none'",
  "object-src 'none'", "frame-src 'none'", "worker-src 'none'", "manifest-src 'none'",
  "base-uri 'none'", "form-action 'none'",
].join('; ');
if (script.includes('</script')) throw new Error('the inline script holds "</script": it would end early');
const page = readFileSync(join(here, 'page.html'), 'utf8')
  .replace('@CSP@', () => csp).replace('@STYLE@', () => style).replace('@SCRIPT@', () => script);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
