/**
 * JSX typings for the raw `mhn-*` tags in React 19 (the `react` module's `JSX`
 * namespace): attribute names and values as in HTML, and React 19's event props for
 * custom elements (`onmhn-load`, …) with a typed `detail`. A `.tsx` file gets them from
 * `import 'mhn-widgets/react/jsx'` (types only) or
 * `/// <reference types="mhn-widgets/react/jsx" />`; `mhn-widgets/react` includes them.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { MhnAttributes, MhnElements, MhnEventsOf, MhnTag } from '../frameworks/attributes.js';

export type * from '../frameworks/attributes.js';

/** React 19 listens to `on<event-name>` props on custom elements. */
type EventProps<Tag extends MhnTag> = {
  [E in keyof MhnEventsOf<Tag> as `on${E & string}`]?: (event: MhnEventsOf<Tag>[E]) => void;
};

/** The JSX props of a raw `mhn-*` tag. */
export type MhnIntrinsicProps<Tag extends MhnTag> = DetailedHTMLProps<
  HTMLAttributes<MhnElements[Tag]>,
  MhnElements[Tag]
> &
  MhnAttributes[Tag] &
  EventProps<Tag>;

/** Every raw `mhn-*` tag with its props. */
export type MhnIntrinsicElements = { [Tag in MhnTag]: MhnIntrinsicProps<Tag> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends MhnIntrinsicElements {}
  }
}
