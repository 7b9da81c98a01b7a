// Writes golden/<case>.json: each case of cases.mjs scored by the native CLI.
//   node bindings/js/test/make_golden.mjs build/ci/securebase
// Run it after a deliberate change of scoring or feedback, and review the diff.
import { writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cases, here } from './cases.mjs';
import { nativeResult } from './native.mjs';

const cli = process.argv[2];
if (!cli) throw new Error('usage: node make_golden.mjs PATH_TO_SECUREBASE');
const ids = readdirSync(join(here, '..', '..', '..', 'instruments'))
  .filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
mkdirSync(join(here, 'golden'), { recursive: true });
for (const c of cases(ids)) {
  writeFileSync(join(here, 'golden', `${c.name}.json`), nativeResult(cli, c));
}
