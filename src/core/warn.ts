/** One console warning per element and message, for partners setting a widget up. */
const warned = new WeakMap<Element, Set<string>>();

export function warnOnce(element: Element, message: string): void {
  let said = warned.get(element);
  if (!said) warned.set(element, (said = new Set()));
  if (said.has(message)) return;
  said.add(message);
  console.warn(`[mhn-widgets] <${element.localName}> ${message}`);
}
