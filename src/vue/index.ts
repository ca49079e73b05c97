/**
 * `mhn-widgets/vue` (types only): declares every `mhn-*` tag in Vue's
 * `GlobalComponents`, so `vue-tsc` checks the attributes and event handlers of the raw
 * tags in SFC templates. Add `import type {} from 'mhn-widgets/vue'` to a `.d.ts` file
 * of the app (or `"types": ["mhn-widgets/vue"]`), and tell Vue's compiler that `mhn-*`
 * tags are custom elements (`isCustomElement: (tag) => tag.startsWith('mhn-')`).
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { MhnAttributes, MhnElements, MhnEventsOf, MhnTag } from '../frameworks/attributes.js';

export type * from '../frameworks/attributes.js';

/** Vue normalizes `heading-level` to `headingLevel`: both spellings are typed. */
type KebabToCamel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<KebabToCamel<Tail>>}`
  : S;
type Camelized<T> = { [K in keyof T as KebabToCamel<K & string>]: T[K] };

type VueEmit<Events> = EmitFn<{ [E in keyof Events]: (event: Events[E]) => void }>;

/** The type Vue's template checker sees for a raw `mhn-*` tag. */
export type MhnVueElement<Tag extends MhnTag> = new () => MhnElements[Tag] & {
  /** @deprecated For template type-checking only. */
  $props: HTMLAttributes & Camelized<MhnAttributes[Tag]> & PublicProps;
  /** @deprecated For template type-checking only. */
  $emit: VueEmit<MhnEventsOf<Tag>>;
};

declare module 'vue' {
  interface GlobalComponents {
    'mhn-provider': MhnVueElement<'mhn-provider'>;
    'mhn-article': MhnVueElement<'mhn-article'>;
    'mhn-comments': MhnVueElement<'mhn-comments'>;
    'mhn-topic': MhnVueElement<'mhn-topic'>;
    'mhn-related-topics': MhnVueElement<'mhn-related-topics'>;
    'mhn-therapist-search': MhnVueElement<'mhn-therapist-search'>;
    'mhn-attribution': MhnVueElement<'mhn-attribution'>;
    'mhn-crisis-resources': MhnVueElement<'mhn-crisis-resources'>;
  }
}
