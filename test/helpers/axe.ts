/**
 * axe-core with the WCAG 2.2 A/AA rule set (chai-a11y-axe's `.accessible()` runs every
 * rule, best practices included, and cannot be narrowed to a standard).
 */
import type * as Axe from 'axe-core';

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function load(): Promise<typeof Axe> {
  const w = window as unknown as { axe?: typeof Axe };
  // The browser build registers itself as window.axe.
  if (!w.axe) await import('axe-core/axe.min.js' as string);
  return w.axe!;
}

/** The WCAG 2.2 AA violations inside `el` (its shadow root included), one line per node. */
export async function violations(el: Element): Promise<string[]> {
  const axe = await load();
  const results = await axe.run(el, {
    runOnly: { type: 'tag', values: WCAG_22_AA },
    resultTypes: ['violations'],
  });
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}\n  ${n.html}`),
  );
}
