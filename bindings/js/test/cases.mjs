// The golden cases of the JavaScript tests: for every embedded instrument a fixed answer
// pattern, plus norms, Spanish, missing answers and the brief form. make_golden.mjs scores each
// with the native CLI into golden/; securebase.test.mjs scores each with the WebAssembly module.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));

// A spread of answers over the whole range: item k (from 1) answers min + (3k mod width).
export function patternAnswers(count, min, max, missing = []) {
  const width = max - min + 1;
  const parts = [];
  for (let k = 1; k <= count; ++k) parts.push(`${k}=${missing.includes(k) ? 'NA' : min + ((3 * k) % width)}`);
  return parts.join(' ') + '\n';
}

// The instruments' answer ranges and sizes, from their files in instruments/.
function instrumentFile(id) {
  return JSON.parse(readFileSync(join(here, '..', '..', '..', 'instruments', `${id}.json`), 'utf8'));
}

export function cases(ids) {
  const out = [];
  for (const id of ids) {
    const file = instrumentFile(id);
    const rs = file.response_scale;
    const count = file.items.length;
    out.push({ name: id, instrument: id, answers: patternAnswers(count, rs.min, rs.max), lang: 'en' });
    const norms = (file.norm_sets || [])[0];
    if (norms) {
      out.push({ name: `${id}.norms`, instrument: id, answers: patternAnswers(count, rs.min, rs.max),
                 lang: 'es', norms: norms.id });
    }
  }
  const core = instrumentFile('securebase-core');
  out.push({ name: 'securebase-core.missing', instrument: 'securebase-core', lang: 'en',
             answers: patternAnswers(core.items.length, 1, 7, [2, 5, 8, 11, 14]) });
  return out;
}
