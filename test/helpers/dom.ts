/** Small helpers for reading what a reader sees inside a widget's shadow root. */
import { waitUntil } from '@open-wc/testing';

export function $(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

export function $$(el: Element, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** The visible text of the widget, whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  if (!el) return '';
  const root = (el as Element).shadowRoot ?? el;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until `selector` matches inside the shadow root. */
export async function waitFor(
  el: Element,
  selector: string,
  message?: string,
): Promise<HTMLElement> {
  await waitUntil(() => $(el, selector), message ?? `${selector} never appeared`, {
    timeout: 10_000,
  });
  return $(el, selector)!;
}

/** Captures console.warn calls while `fn` runs (or until `restore` is called). */
export function captureWarnings(): { messages: string[]; restore: () => void } {
  const original = console.warn;
  const messages: string[] = [];
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  return { messages, restore: () => (console.warn = original) };
}
