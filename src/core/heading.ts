/**
 * `heading-level` → a real heading element (h1–h6), for widgets whose titles must fit the
 * outline of the partner's page. Declared once, here, for every widget that has it.
 */
import type { LitElement } from 'lit';
import { literal, type StaticValue } from 'lit/static-html.js';

const TAGS: StaticValue[] = [
  literal`h1`,
  literal`h2`,
  literal`h3`,
  literal`h4`,
  literal`h5`,
  literal`h6`,
];

/** The one clamp: `level` rounded when it is within 1–`max`; anything else gives 2. */
export function clampHeadingLevel(level: unknown, max = 6): number {
  const n = Math.round(Number(level));
  return n >= 1 && n <= max ? n : 2;
}

/** The heading tag for a level 1–6; anything else gives h2. */
export function headingTag(level: unknown): StaticValue {
  return TAGS[clampHeadingLevel(level) - 1]!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = abstract new (...args: any[]) => T;

/**
 * What `HeadingLevel()` adds (declared apart, for the library's .d.ts files).
 * @internal
 */
export declare class HeadingLevelInterface {
  headingLevel: number;
  protected get topHeadingLevel(): number;
  protected heading(below?: number): StaticValue;
}

/**
 * Adds `heading-level` to a widget. `depth` is how many heading levels the widget uses
 * below its top one (its top heading then goes down to `6 - depth`).
 */
export function HeadingLevel<T extends Constructor<LitElement>>(
  Base: T,
  depth = 0,
): Constructor<HeadingLevelInterface> & T {
  abstract class WithHeadingLevel extends Base {
    // Declared without a decorator: one helper less in every bundle.
    static properties = { headingLevel: { attribute: 'heading-level', type: Number } };

    /**
     * Level of the widget's top heading, 1–6 (1–5 in widgets with headings below it,
     * which sit one level lower); anything else gives 2.
     */
    headingLevel = 2;

    /** The level of the top heading in force (`heading-level`, clamped). */
    protected get topHeadingLevel(): number {
      return clampHeadingLevel(this.headingLevel, 6 - depth);
    }

    /** The heading tag `below` levels under the widget's top heading. */
    protected heading(below = 0): StaticValue {
      return headingTag(this.topHeadingLevel + below);
    }
  }
  return WithHeadingLevel as unknown as Constructor<HeadingLevelInterface> & T;
}
