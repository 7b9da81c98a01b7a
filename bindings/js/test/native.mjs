// The native CLI's result for a case: `securebase score --format json`, the reference the
// WebAssembly module must match.
import { execFileSync } from 'node:child_process';

export function nativeResult(cli, c) {
  const args = ['score', '-i', c.instrument, '-a', '-', '--format', 'json', '--lang', c.lang];
  if (c.norms) args.push('--norms', c.norms);
  return execFileSync(cli, args, { input: c.answers, encoding: 'utf8' });
}

// How far apart two doubles are, in units in the last place (0 when equal).
export function ulpDistance(a, b) {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const ia = view.getBigInt64(0);
  const ib = view.getBigInt64(8);
  if ((ia < 0n) !== (ib < 0n)) return Infinity;
  const d = ia - ib;
  return Number(d < 0n ? -d : d);
}

// A probability of the plane's regions: a product of complements 1 - p, where a p near 1 that
// differs in its last bit between two libm's erfc (glibc natively, musl in WebAssembly) moves
// the small result by a few of its own ulps. These are held to 1 ulp of 1.0 (2^-52) instead.
const probability = /\/(region_probabilities\/[a-z_]+|p_[a-z_]+)$/;

// Differences between two JSON values: strings, booleans and structure identical, numbers within
// `ulps` units in the last place (probabilities: within 2^-52). Returns "path: a vs b" lines.
export function differences(a, b, ulps = 1, path = '') {
  if (typeof a === 'number' && typeof b === 'number') {
    if (ulpDistance(a, b) <= ulps) return [];
    if (probability.test(path) && Math.abs(a - b) <= Number.EPSILON) return [];
    return [`${path}: ${a} vs ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  }
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs object`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out = [];
  for (const k of keys) {
    if (!(k in a) || !(k in b)) out.push(`${path}/${k}: only in ${k in a ? 'the first' : 'the second'}`);
    else out.push(...differences(a[k], b[k], ulps, `${path}/${k}`));
  }
  return out;
}
