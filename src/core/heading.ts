/**
 * `heading-level` → a real heading element (h1–h6), for widgets whose titles must fit the
 * outline of the partner's page.
 */
import { literal, type StaticValue } from 'lit/static-html.js';

const TAGS: StaticValue[] = [
  literal`h1`,
  literal`h2`,
  literal`h3`,
  literal`h4`,
  literal`h5`,
  literal`h6`,
];

/** The heading tag for a level 1–6; anything else gives h2. */
export function headingTag(level: unknown): StaticValue {
  const n = Math.round(Number(level));
  return TAGS[n >= 1 && n <= 6 ? n - 1 : 1]!;
}
