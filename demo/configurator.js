// The embed configurator: every widget and attribute comes from custom-elements.json
// (the same manifest the API docs are generated from), so it never drifts from the code.
// No HTML strings: every node is built with DOM calls.

/** Example values that work against the reference Content API. */
const EXAMPLES = {
  article: 'resilience-social-support-benefits',
  topic: 'emotional-resilience',
};
const COMMON = ['endpoint', 'locale', 'theme'];
const LOCALES = ['', 'en', 'es'];

const $ = (id) => document.getElementById(id);
const form = $('settings');
const widgetSelect = $('widget');
const fieldset = $('attributes');
const snippet = $('snippet');
const preview = $('preview');
const status = $('copy-status');

/** `'a' | 'b' | undefined` → ['a', 'b']; anything else → null. */
function enumValues(typeText = '') {
  const parts = typeText
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined');
  return parts.length && parts.every((p) => /^'[^']*'$/.test(p))
    ? parts.map((p) => p.slice(1, -1))
    : null;
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function field(attr) {
  const id = `attr-${attr.name}`;
  const type = attr.type?.text ?? 'string';
  const values = attr.name === 'locale' ? LOCALES : enumValues(type);
  let control;
  if (type.startsWith('boolean')) {
    control = el('input', { type: 'checkbox', id, name: attr.name });
    const label = el('label', {}, control, ` ${attr.name}`);
    return el('p', {}, label, hint(attr, id, control));
  }
  if (values) {
    control = el('select', { id, name: attr.name });
    control.append(el('option', { value: '', textContent: '(default)' }));
    for (const v of values.filter(Boolean))
      control.append(el('option', { value: v, textContent: v }));
  } else {
    control = el('input', {
      type: type.startsWith('number') ? 'number' : 'text',
      id,
      name: attr.name,
      value: attr.name === 'endpoint' ? `${location.origin}/api/v1` : (EXAMPLES[attr.name] ?? ''),
    });
  }
  return el(
    'p',
    {},
    el('label', { htmlFor: id, textContent: attr.name }),
    control,
    hint(attr, id, control),
  );
}

function hint(attr, id, control) {
  const text = el('span', {
    className: 'field-hint',
    id: `${id}-hint`,
    textContent: attr.description ?? '',
  });
  control.setAttribute('aria-describedby', text.id);
  return text;
}

/** The attributes the form currently sets, in manifest order. */
function chosen() {
  const data = new FormData(form);
  return [...fieldset.querySelectorAll('[name]')]
    .map((control) =>
      control.type === 'checkbox'
        ? [control.name, control.checked ? '' : null]
        : [control.name, String(data.get(control.name) ?? '').trim() || null],
    )
    .filter(([, value]) => value !== null);
}

const escapeAttr = (value) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function render() {
  const tag = widgetSelect.value;
  const attrs = chosen();
  const src = $('single').checked ? `/dist/widgets/${tag}.js` : '/dist/mhn-widgets.js';
  const attrText = attrs
    .map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${escapeAttr(v)}"`))
    .join('');
  snippet.value = `<script type="module" src="${location.origin}${src}"></script>\n<${tag}${attrText}></${tag}>\n`;
  status.textContent = '';
  // The preview waits for a pause in typing, so half-typed slugs are not fetched.
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    const live = document.createElement(tag);
    for (const [n, v] of attrs) live.setAttribute(n, v);
    preview.replaceChildren(live);
  }, 400);
}

let previewTimer;

function showWidget(manifestElement) {
  $('widget-summary').textContent = manifestElement.summary ?? '';
  const attrs = [...(manifestElement.attributes ?? [])].sort(
    (a, b) => COMMON.indexOf(a.name) - COMMON.indexOf(b.name),
  );
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend, ...attrs.map(field));
  render();
}

async function copy() {
  try {
    await navigator.clipboard.writeText(snippet.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    snippet.focus();
    snippet.select();
    status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
}

async function main() {
  const manifest = await (await fetch('/custom-elements.json')).json();
  const elements = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName && d.tagName !== 'mhn-provider')
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
  for (const e of elements)
    widgetSelect.append(el('option', { value: e.tagName, textContent: `<${e.tagName}>` }));
  const byTag = new Map(elements.map((e) => [e.tagName, e]));
  widgetSelect.value = byTag.has('mhn-article') ? 'mhn-article' : elements[0].tagName;
  widgetSelect.addEventListener('change', () => showWidget(byTag.get(widgetSelect.value)));
  form.addEventListener('input', (event) => event.target !== widgetSelect && render());
  form.addEventListener('submit', (event) => event.preventDefault());
  $('copy').addEventListener('click', copy);
  showWidget(byTag.get(widgetSelect.value));
}

main().catch((error) => {
  status.textContent = `The configurator could not start: ${error.message}`;
});
