// securebase for JavaScript: the API over the WebAssembly core. This file has no import and no
// export: tools/make_module.mjs joins it with the generated loader into the ES module
// securebase.mjs, and web/ inlines the same text into the questionnaire page.
/* global createSecurebaseWasm, SECUREBASE_WASM_BASE64 */

/** A securebase error: a stable code (docs/errors.md), where it happened, and what to do. */
class SecurebaseError extends Error {
  constructor(error) {
    super(`${error.where}: ${error.message} (error ${error.code})`);
    this.name = 'SecurebaseError';
    this.code = error.code;
    this.where = error.where;
    this.detail = error.message;
  }
}

function decodeBase64(text) {
  if (typeof Buffer === 'function') return new Uint8Array(Buffer.from(text, 'base64'));
  const bytes = atob(text);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; ++i) out[i] = bytes.charCodeAt(i);
  return out;
}

// Starts the WebAssembly core from the bytes held in this file: no fetch, no file read.
async function loadSecurebaseCore() {
  return createSecurebaseWasm({ wasmBinary: decodeBase64(SECUREBASE_WASM_BASE64) });
}

function makeSecurebase(core) {
  const parsed = (text) => {
    const value = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) &&
        Object.keys(value).length === 1 && value.error) {
      throw new SecurebaseError(value.error);
    }
    return value;
  };
  const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
  // Answers: an object {"anx01": 5, "2": null}, an array in canonical order (null = missing),
  // or the text of an answers file ("1=5 2=3").
  const answersText = (answers) => {
    if (Array.isArray(answers)) {
      const byNumber = {};
      answers.forEach((value, i) => { byNumber[String(i + 1)] = value ?? null; });
      return JSON.stringify(byNumber);
    }
    if (answers === null || (typeof answers !== 'object' && typeof answers !== 'string')) {
      throw new TypeError('answers must be an object, an array or a string');
    }
    return asText(answers);
  };
  const lang = (options) => (options && options.lang) || 'en';
  // When the answers were completed, as results record it: a Date, or such text already.
  const utcTime = (when) => {
    if (when === undefined || when === null || when === '') return '';
    if (when instanceof Date) return when.toISOString().slice(0, 19) + 'Z';
    return String(when);
  };
  return {
    SecurebaseError,
    /** The library version, "major.minor.patch". */
    version: () => core.version(),
    /** The embedded instruments: id, title, number of items, languages with wording. */
    instruments: () => parsed(core.instruments()),
    /** One instrument: its items (with wording when it ships some), labels, scales, norm sets. */
    instrument: (id, options) => parsed(core.instrument(String(id), lang(options))),
    /** Scores one respondent; the result document of `securebase score --format json`. */
    score: (answers, options = {}) => parsed(core.score(
      options.instrument || 'securebase-core', answersText(answers), options.norms || '',
      lang(options), options.boundaryNorms || '', utcTime(options.completed))),
    /** A stored result (object or JSON text) explained again, e.g. in another language. */
    explain: (result, options) => parsed(core.explain(asText(result), lang(options))),
    /** The HTML report of a result, the same page as `securebase report --format html`. */
    renderHtml: (result, options) => {
      const html = core.renderHtml(asText(result), lang(options));
      if (html.startsWith('{"error"')) parsed(html);
      return html;
    },
    /** Reliable change from an earlier to a later result, and the later one's feedback. */
    compare: (before, after, options) =>
      parsed(core.compare(asText(before), asText(after), lang(options))),
  };
}
