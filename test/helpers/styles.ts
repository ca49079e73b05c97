/** Computed-style helpers for the page-level tests: colours, contrast, style snapshots. */
import type { LitElement } from 'lit';

export type Rgba = [number, number, number, number];

/** Parses a computed colour (`rgb(…)` / `rgba(…)`); throws on anything else. */
export function parseColor(value: string): Rgba {
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value.trim());
  if (!m) throw new Error(`cannot read the colour "${value}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** Any CSS colour (`#0b5cad`, `red`) as the browser computes it: `rgb(11, 92, 173)`. */
export function computedColor(value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgba | [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** `top` painted over the opaque `bottom`. */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

/** The parent in the flat tree sense used for painting: parent element, or the shadow host. */
export function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour painted behind `el` (its own background and its ancestors', over white). */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = parentOf(node)) {
    const bg = parseColor(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((under, layer) => blend(layer, under), [255, 255, 255, 1]);
}

/** Contrast of an element's own text colour against what is behind it. */
export function textContrast(el: Element): number {
  const bg = backgroundOf(el);
  return contrast(blend(parseColor(getComputedStyle(el).color), bg), bg);
}

/** WCAG "large text": 24px, or 18.66px bold. */
export function isLargeText(el: Element): boolean {
  const style = getComputedStyle(el);
  const size = parseFloat(style.fontSize);
  return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
}

/** Whether a reader sees `el`: rendered, not clipped away as visually hidden, not in a closed panel. */
export function isShown(el: Element): boolean {
  if (!el.checkVisibility({ visibilityProperty: true })) return false;
  const rect = el.getBoundingClientRect();
  return rect.width > 1 && rect.height > 1;
}

/** Elements of a shadow root that own visible, non-blank text, with what they say. */
export function textElements(root: ShadowRoot): { el: Element; text: string }[] {
  const found = new Map<Element, string>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent?.trim();
    if (!parent || !text || !isShown(parent)) continue;
    found.set(parent, `${found.get(parent) ?? ''} ${text}`.trim());
  }
  return [...found].map(([el, text]) => ({ el, text }));
}

/** The cssText of every stylesheet an element class adopts. */
export function adoptedCss(tag: string): string {
  const ctor = customElements.get(tag) as unknown as typeof LitElement;
  return ctor.elementStyles
    .map((s) =>
      s instanceof CSSStyleSheet ? [...s.cssRules].map((r) => r.cssText).join('\n') : s.cssText,
    )
    .join('\n');
}

/** A label for an element in failure messages: `<mhn-article> h2.heading[part=heading]`. */
export function label(el: Element): string {
  const host = (el.getRootNode() as ShadowRoot).host;
  const part = el.getAttribute('part');
  const cls = el.getAttribute('class');
  return `${host ? `<${host.localName}> ` : ''}${el.localName}${cls ? `.${cls.split(' ').join('.')}` : ''}${part ? `[part="${part}"]` : ''}`;
}
