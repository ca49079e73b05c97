// A server-rendered page's script: Lit's hydration support first, then the element.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import 'mhn-widgets/elements/article/define.js';
