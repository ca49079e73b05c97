/**
 * Following the page. `theme="auto"`: the page's own `color-scheme` wins when it names
 * one scheme (CSS on `<html>` or `<meta name="color-scheme">`); otherwise the reader's
 * `prefers-color-scheme`. The locale, when it comes from `<html lang>`, follows it too.
 * One media listener and one MutationObserver serve every widget that follows the page,
 * and both are released when the last one goes.
 */

type Listener = () => void;

const listeners = new Set<Listener>();
let media: MediaQueryList | undefined;
let observer: MutationObserver | undefined;

const notify = () => listeners.forEach((listener) => listener());

function declared(value: string | null | undefined): 'light' | 'dark' | undefined {
  const words = (value ?? '').trim().split(/\s+/);
  if (words.includes('only')) words.splice(words.indexOf('only'), 1);
  return words.length === 1 && (words[0] === 'light' || words[0] === 'dark') ? words[0] : undefined;
}

/** The scheme the page shows now. */
export function pageScheme(): 'light' | 'dark' {
  const root = document.documentElement;
  const fromCss = declared(getComputedStyle(root).colorScheme);
  const meta = document.querySelector('meta[name="color-scheme"]');
  const fromMeta = declared(meta?.getAttribute('content'));
  const own = fromCss ?? fromMeta;
  if (own) return own;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Calls `listener` whenever the page's scheme or language may have changed; returns the unsubscribe. */
export function watchPage(listener: Listener): () => void {
  listeners.add(listener);
  if (!media) {
    media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', notify);
    observer = new MutationObserver(notify);
    observer.observe(document.documentElement, { attributes: true });
    observer.observe(document.head, { attributes: true, childList: true, subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      media?.removeEventListener('change', notify);
      observer?.disconnect();
      media = undefined;
      observer = undefined;
    }
  };
}
