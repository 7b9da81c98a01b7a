// securebase questionnaire page: the `take` flow in a browser (web/build_page.mjs inlines this
// after the WebAssembly core and bindings/js/src/api.js). Everything stays on this device: the
// page's Content-Security-Policy forbids every request, answers live in localStorage only.
/* global makeSecurebase, loadSecurebaseCore */

const WORDS = {
  en: {
    title: 'securebase questionnaire',
    intro: 'Statements about how you tend to feel and act in close relationships. For each one, ' +
      'choose how much you agree. There are no right or wrong answers. Your answers and your ' +
      'result stay on this device: this page sends nothing anywhere.',
    form: 'Questionnaire', core: 'Full form (36 statements)', brief: 'Brief form (12 statements)',
    language: 'Language', start: 'Start', resume: 'Resume where you left off',
    discard: 'Start again (forget saved answers)',
    saved: (n, total) => `You have ${n} of ${total} answers saved on this device.`,
    progress: (i, total) => `Statement ${i} of ${total}`,
    answered: (n) => `${n} answered`,
    keys: 'Keys: 1–7 answer, B back, S skip.',
    back: 'Back', skip: 'Skip', finish: 'See my result',
    review: 'You reached the end. You can go back to change or add answers, or see your result.',
    unanswered: (n) => `${n} statement(s) left unanswered.`,
    result: 'Your result',
    download: 'Download result (JSON)', downloadHtml: 'Download report (HTML)',
    loadPrevious: 'Compare with a previous result (JSON file)',
    again: 'Take it again', change: 'Change since your previous result',
    loadError: 'That file could not be read as a securebase result:',
  },
  es: {
    title: 'cuestionario securebase',
    intro: 'Frases sobre cómo sueles sentirte y actuar en tus relaciones cercanas. En cada una, ' +
      'elige cuánto estás de acuerdo. No hay respuestas correctas ni incorrectas. Tus respuestas ' +
      'y tu resultado se quedan en este dispositivo: esta página no envía nada a ninguna parte.',
    form: 'Cuestionario', core: 'Forma completa (36 frases)', brief: 'Forma breve (12 frases)',
    language: 'Idioma', start: 'Empezar', resume: 'Seguir donde lo dejaste',
    discard: 'Empezar de nuevo (olvidar las respuestas guardadas)',
    saved: (n, total) => `Tienes ${n} de ${total} respuestas guardadas en este dispositivo.`,
    progress: (i, total) => `Frase ${i} de ${total}`,
    answered: (n) => `${n} respondidas`,
    keys: 'Teclas: 1–7 responder, B atrás, S saltar.',
    back: 'Atrás', skip: 'Saltar', finish: 'Ver mi resultado',
    review: 'Has llegado al final. Puedes volver atrás para cambiar o completar respuestas, o ver tu resultado.',
    unanswered: (n) => `${n} frase(s) sin responder.`,
    result: 'Tu resultado',
    download: 'Descargar el resultado (JSON)', downloadHtml: 'Descargar el informe (HTML)',
    loadPrevious: 'Comparar con un resultado anterior (archivo JSON)',
    again: 'Hacerlo de nuevo', change: 'Cambio desde tu resultado anterior',
    loadError: 'Ese archivo no se puede leer como un resultado de securebase:',
  },
};

const STORE = 'securebase.questionnaire.v1';
let sb = null;
let state = null;  // {lang, instrument, answers: {id: value|null}, pos, finished}

const app = () => document.getElementById('app');
const words = () => WORDS[state.lang] || WORDS.en;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick' || k === 'onchange') node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== undefined && v !== null) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) node.append(c);
  return node;
}

function save() { localStorage.setItem(STORE, JSON.stringify(state)); }

function loadSaved() {
  try {
    const s = JSON.parse(localStorage.getItem(STORE) || 'null');
    return s && s.instrument && s.answers ? s : null;
  } catch { return null; }
}

function items() { return sb.instrument(state.instrument, { lang: state.lang }); }
function answeredCount() { return Object.values(state.answers).filter((v) => v !== null).length; }

function show(...nodes) {
  const main = app();
  main.replaceChildren(...nodes);
  document.documentElement.lang = state.lang;
  document.title = words().title;
  const focus = main.querySelector('[data-focus]') || main.querySelector('h1');
  if (focus) { if (!focus.hasAttribute('tabindex') && focus.tagName === 'H1') focus.setAttribute('tabindex', '-1'); focus.focus(); }
}

// The disclaimer and help blocks, in the same words as every report: the library writes them.
function safetyBlocks() {
  const r = sb.score({}, { instrument: state.instrument, lang: state.lang });
  return r.feedback.blocks.filter((b) => b.id === 'disclaimer' || b.id === 'help')
    .map((b) => el('section', { class: 'note', id: `block-${b.id}` }, el('h2', {}, b.title),
                   ...b.paragraphs.map((p) => el('p', {}, p))));
}

function intro() {
  const w = words();
  const saved = loadSaved();
  const lang = el('select', { id: 'lang', onchange: (e) => { state.lang = e.target.value; intro(); } },
    el('option', { value: 'en', selected: state.lang === 'en' }, 'English'),
    el('option', { value: 'es', selected: state.lang === 'es' }, 'Español'));
  const form = el('select', { id: 'form', onchange: (e) => { state.instrument = e.target.value; } },
    el('option', { value: 'securebase-core', selected: state.instrument === 'securebase-core' }, w.core),
    el('option', { value: 'securebase-brief', selected: state.instrument === 'securebase-brief' }, w.brief));
  const buttons = [];
  if (saved && Object.keys(saved.answers).length > 0) {
    const total = sb.instrument(saved.instrument).itemList.length;
    const n = Object.values(saved.answers).filter((v) => v !== null).length;
    buttons.push(el('p', { id: 'saved' }, w.saved(n, total)),
      el('button', { class: 'primary', id: 'resume', 'data-focus': true,
                     onclick: () => { state = saved; question(); } }, w.resume),
      el('button', { id: 'discard', onclick: () => { localStorage.removeItem(STORE); begin(); } }, w.discard));
  } else {
    buttons.push(el('button', { class: 'primary', id: 'start', 'data-focus': true, onclick: begin }, w.start));
  }
  show(el('h1', {}, w.title), el('p', {}, w.intro), ...safetyBlocks(),
    el('div', { class: 'row' }, el('label', { for: 'lang' }, w.language), lang),
    el('div', { class: 'row' }, el('label', { for: 'form' }, w.form), form),
    el('div', { class: 'row' }, ...buttons));
}

function begin() {
  state = { lang: state.lang, instrument: document.getElementById('form')?.value || state.instrument,
            answers: {}, pos: 0, finished: false };
  save();
  question();
}

// Records an answer (null: skipped) to the current statement; a change after the end asks
// for a new completion time.
function setAnswer(value) {
  state.answers[items().itemList[state.pos].id] = value;
  delete state.completed;
}

function answer(value) {
  setAnswer(value);
  move(1);
}

function move(step) {
  const total = items().itemList.length;
  state.pos = Math.max(0, Math.min(total, state.pos + step));
  save();
  question();
}

function question() {
  const w = words();
  const ins = items();
  const total = ins.itemList.length;
  if (state.pos >= total) return review();
  const item = ins.itemList[state.pos];
  const current = state.answers[item.id] ?? null;
  const { min, labels } = ins.responseScale;
  const choices = labels.map((label, i) => {
    const value = min + i;
    return el('label', {}, el('input', { type: 'radio', name: 'answer', value, checked: current === value,
                                         'data-focus': current === value || (current === null && i === 0) ? true : undefined,
                                         onchange: () => answer(value) }),
              el('span', { class: 'key', 'aria-hidden': 'true' }, String(value)), label);
  });
  show(el('p', { id: 'progress-text' }, `${w.progress(state.pos + 1, total)} · ${w.answered(answeredCount())}`),
    el('progress', { max: total, value: state.pos, 'aria-label': w.progress(state.pos + 1, total) }),
    el('fieldset', {}, el('legend', { id: 'statement' }, item.text), el('div', { class: 'choices' }, ...choices)),
    el('div', { class: 'row' },
      el('button', { id: 'back', onclick: () => move(-1), disabled: state.pos === 0 }, w.back),
      el('button', { id: 'skip', onclick: () => { setAnswer(null); move(1); } }, w.skip)),
    el('p', { class: 'muted' }, w.keys));
}

function review() {
  const w = words();
  const total = items().itemList.length;
  const left = total - answeredCount();
  show(el('h1', {}, w.title), el('p', {}, w.review),
    left > 0 ? el('p', {}, w.unanswered(left)) : '',
    el('div', { class: 'row' },
      el('button', { id: 'back', onclick: () => move(-1) }, w.back),
      el('button', { class: 'primary', id: 'finish', 'data-focus': true, onclick: result }, w.finish)));
}

function downloadLink(id, label, name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  return el('a', { class: 'button', id, href: url, download: name }, label);
}

// The library's HTML report, in a frame that runs no script; as tall as the report itself.
function reportFrame(html) {
  const frame = el('iframe', { class: 'report', id: 'report', title: words().result, sandbox: 'allow-same-origin', srcdoc: html });
  frame.addEventListener('load', () => {
    frame.style.height = `${frame.contentDocument.documentElement.scrollHeight + 8}px`;
    frame.dataset.ready = 'true';
  });
  return frame;
}

function result() {
  const w = words();
  state.finished = true;
  save();
  if (!state.completed) state.completed = new Date().toISOString().slice(0, 19) + 'Z';
  save();
  const r = sb.score(state.answers, { instrument: state.instrument, lang: state.lang, completed: state.completed });
  const html = sb.renderHtml(r, { lang: state.lang });
  const stamp = state.completed.slice(0, 10);
  const input = el('input', { type: 'file', id: 'previous', accept: '.json,application/json',
                              onchange: (e) => comparePrevious(e.target.files[0], r) });
  window.securebaseResult = r;  // for tests and for the curious: the result on screen
  show(el('h1', {}, w.result), reportFrame(html),
    el('div', { class: 'row' },
      downloadLink('download', w.download, `securebase-${stamp}.json`, 'application/json', JSON.stringify(r, null, 2)),
      downloadLink('download-html', w.downloadHtml, `securebase-${stamp}.html`, 'text/html', html)),
    el('div', { class: 'row' }, el('label', { for: 'previous' }, w.loadPrevious), input),
    el('div', { id: 'change' }),
    el('div', { class: 'row' }, el('button', { id: 'again', onclick: () => { localStorage.removeItem(STORE); begin(); } }, w.again)));
}

async function comparePrevious(file, later) {
  const w = words();
  const box = document.getElementById('change');
  try {
    const cmp = sb.compare(await file.text(), later, { lang: state.lang });
    const block = cmp.result.feedback.blocks.find((b) => b.id === 'change');
    box.replaceChildren(el('section', { class: 'note', id: 'change-block' }, el('h2', {}, block ? block.title : w.change),
      ...(block ? block.paragraphs : []).map((p) => el('p', {}, p))));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${w.loadError} ${e.message}`));
  }
}

document.addEventListener('keydown', (e) => {
  if (!state || e.ctrlKey || e.metaKey || e.altKey || !document.querySelector('#statement')) return;
  const ins = items();
  const { min, max } = ins.responseScale;
  const k = e.key.toLowerCase();
  const n = Number(e.key);
  if (Number.isInteger(n) && n >= min && n <= max && e.key.length === 1) { e.preventDefault(); answer(n); }
  else if (k === 'b') { e.preventDefault(); move(-1); }
  else if (k === 's') { e.preventDefault(); setAnswer(null); move(1); }
});

(async () => {
  sb = makeSecurebase(await loadSecurebaseCore());
  const saved = loadSaved();
  const browserLang = (navigator.language || 'en').slice(0, 2) === 'es' ? 'es' : 'en';
  state = { lang: saved ? saved.lang : browserLang, instrument: saved ? saved.instrument : 'securebase-core',
            answers: {}, pos: 0, finished: false };
  intro();
})();
