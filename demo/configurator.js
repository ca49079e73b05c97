// The embed configurator: every widget and attribute comes from custom-elements.json
// (the same manifest the API docs are generated from), so it never drifts from the code.
// Enumerated attributes (`sort`, `loading`, `country`, `theme`, `heading-level`) are
// selects built from the manifest's types. Several widgets make one snippet: one script
// tag and one <mhn-provider> (endpoint, locale, theme) around them.
// No HTML strings: every node is built with DOM calls.

/** Example values that work against the reference Content API. */
const EXAMPLES = {
  article: 'resilience-social-support-benefits',
  topic: 'emotional-resilience',
};
/** What the provider shares: set once, on <mhn-provider>. */
const SHARED = ['endpoint', 'locale', 'theme'];
const LOCALES = ['en', 'es'];
/** Attributes whose unit the manifest's description names: the field says it too. */
const UNITS = { radius: 'km' };
/** Choices for number attributes with a unit (the widget's own default among them). */
const UNIT_VALUES = { radius: [10, 25, 40, 80, 160] };
const DEFAULT_WIDGETS = ['mhn-article'];

const $ = (id) => document.getElementById(id);
const form = $('settings');
const widgetsFieldset = $('widgets');
const sharedFieldset = $('shared');
const attributesBox = $('attributes');
const snippet = $('snippet');
const preview = $('preview');
const status = $('copy-status');

/**
 * The values of an enumerated type from the manifest: `'a' | 'b' | undefined` →
 * ['a', 'b'], `1 | 2 | 3` → ['1', '2', '3'] (spellings that differ only in case count
 * once); anything else → null.
 */
export function enumValues(typeText = '') {
  const parts = typeText
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined');
  if (!parts.length) return null;
  if (parts.every((p) => /^'[^']*'$/.test(p))) {
    const seen = new Set();
    return parts
      .map((p) => p.slice(1, -1))
      .filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
  }
  if (parts.every((p) => /^\d+$/.test(p))) return parts;
  return null;
}

/** A number attribute whose description gives its range ("1–6") → ['1', …, '6']. */
export function rangeValues(typeText = '', description = '') {
  const range = /\b(\d)\s*[–-]\s*(\d)\b/.exec(description);
  if (!typeText.startsWith('number') || !range) return null;
  const [from, to] = [Number(range[1]), Number(range[2])];
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The form field for one attribute of `tag` (`shared` for the provider's). */
function field(tag, attr) {
  const id = `attr-${tag}-${attr.name}`;
  const name = `${tag}:${attr.name}`;
  const type = attr.type?.text ?? 'string';
  const unit = UNITS[attr.name];
  const label = unit ? `${attr.name} (${unit})` : attr.name;
  const values =
    attr.name === 'locale'
      ? LOCALES
      : (UNIT_VALUES[attr.name]?.map(String) ??
        enumValues(type) ??
        rangeValues(type, attr.description));
  let control;
  if (type.startsWith('boolean')) {
    control = el('input', { type: 'checkbox', id, name });
    return el('p', {}, el('label', {}, control, ` ${attr.name}`), hint(attr, id, control));
  }
  if (values) {
    control = el('select', { id, name });
    const fallback = attr.default?.replace(/^'|'$/g, '');
    control.append(
      el('option', {
        value: '',
        textContent:
          fallback && attr.name !== 'locale'
            ? `(default: ${unit ? `${fallback} ${unit}` : fallback})`
            : '(default)',
      }),
    );
    for (const v of values) {
      control.append(el('option', { value: v, textContent: unit ? `${v} ${unit}` : v }));
    }
  } else {
    control = el('input', {
      type: type.startsWith('number') ? 'number' : 'text',
      id,
      name,
      value: attr.name === 'endpoint' ? `${location.origin}/api/v1` : (EXAMPLES[attr.name] ?? ''),
    });
  }
  return el(
    'p',
    {},
    el('label', { htmlFor: id, textContent: label }),
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

/** The attributes the form sets for `tag`, in form order: [name, value ('' = boolean)]. */
function chosen(tag) {
  const data = new FormData(form);
  return [...form.querySelectorAll(`[name^="${tag}:"]`)]
    .map((control) => {
      const name = control.name.slice(tag.length + 1);
      if (control.type === 'checkbox') return [name, control.checked ? '' : null];
      return [name, String(data.get(control.name) ?? '').trim() || null];
    })
    .filter(([, value]) => value !== null);
}

const selectedWidgets = () =>
  [...widgetsFieldset.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value);

const escapeAttr = (value) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const attrText = (attrs) =>
  attrs.map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${escapeAttr(v)}"`)).join('');

/** One script tag: the bundle, or (only these widgets) their modules in one module script. */
function scriptTag(tags) {
  if (!$('single').checked || !tags.length) {
    return `<script type="module" src="${location.origin}/dist/mhn-widgets.js"></script>`;
  }
  if (tags.length === 1) {
    return `<script type="module" src="${location.origin}/dist/widgets/${tags[0]}.js"></script>`;
  }
  const imports = tags.map((tag) => `  import '${location.origin}/dist/widgets/${tag}.js';`);
  return `<script type="module">\n${imports.join('\n')}\n</script>`;
}

function render() {
  const tags = selectedWidgets();
  const shared = chosen('shared');
  const widgets = tags.map((tag) => [tag, chosen(tag)]);
  const inner = widgets.map(([tag, attrs]) => `  <${tag}${attrText(attrs)}></${tag}>\n`).join('');
  snippet.value = `${scriptTag(tags)}\n<mhn-provider${attrText(shared)}>\n${inner}</mhn-provider>\n`;
  status.textContent = '';
  // The preview waits for a pause in typing, so half-typed slugs are not fetched.
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    const provider = document.createElement('mhn-provider');
    for (const [n, v] of shared) provider.setAttribute(n, v);
    for (const [tag, attrs] of widgets) {
      const live = document.createElement(tag);
      for (const [n, v] of attrs) live.setAttribute(n, v);
      provider.append(live);
    }
    preview.replaceChildren(provider);
  }, 400);
}

let previewTimer;

/** One fieldset per chosen widget with its own attributes (the shared ones are above). */
function showWidgets(byTag) {
  const open = new Map(
    [...attributesBox.querySelectorAll('fieldset[data-tag]')].map((f) => [f.dataset.tag, f]),
  );
  const fieldsets = selectedWidgets().map((tag) => {
    if (open.has(tag)) return open.get(tag);
    const element = byTag.get(tag);
    const attrs = (element.attributes ?? []).filter((a) => !SHARED.includes(a.name));
    const legend = el('legend', { textContent: `<${tag}>` });
    const summary = el('p', { className: 'hint', textContent: element.summary ?? '' });
    const fieldset = el('fieldset', {}, legend, summary, ...attrs.map((a) => field(tag, a)));
    fieldset.dataset.tag = tag;
    if (!attrs.length) summary.append(' (no attributes of its own)');
    return fieldset;
  });
  attributesBox.replaceChildren(...fieldsets);
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
  const declarations = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName);
  const provider = declarations.find((d) => d.tagName === 'mhn-provider');
  const elements = declarations
    .filter((d) => d !== provider)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
  const byTag = new Map(elements.map((e) => [e.tagName, e]));

  const sharedAttrs = SHARED.map((name) => provider.attributes.find((a) => a.name === name));
  sharedFieldset.append(...sharedAttrs.map((a) => field('shared', a)));
  for (const e of elements) {
    const box = el('input', { type: 'checkbox', value: e.tagName, name: 'widget' });
    box.checked = DEFAULT_WIDGETS.includes(e.tagName);
    widgetsFieldset.append(el('p', {}, el('label', {}, box, ` <${e.tagName}>`)));
  }
  form.addEventListener('input', (event) => {
    if (event.target.name === 'widget') showWidgets(byTag);
    else render();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  $('copy').addEventListener('click', copy);
  showWidgets(byTag);
}

main().catch((error) => {
  status.textContent = `The configurator could not start: ${error.message}`;
});
