/**
 * Enumerated attributes (`sort`, `loading`, `theme`, `country`…): the `@enumerated()`
 * decorator records a property's allowed values, and the base element checks them on
 * every change, logging one console warning per element and value that names the
 * allowed ones. The element then behaves as it does for any unknown value (its
 * default); nothing throws.
 */

export interface EnumeratedOptions {
  /** `us` counts as `US`. */
  ignoreCase?: boolean;
}

interface Enumeration {
  values: readonly string[];
  ignoreCase: boolean;
}

const registry = new WeakMap<object, Map<PropertyKey, Enumeration>>();

/** Property decorator: the attribute takes one of `values` (stack it with `@property()`). */
export function enumerated(values: readonly string[], options: EnumeratedOptions = {}) {
  return (prototype: object, name: PropertyKey): void => {
    let own = registry.get(prototype);
    if (!own) registry.set(prototype, (own = new Map()));
    own.set(name, { values, ignoreCase: options.ignoreCase ?? false });
  };
}

/** `name`'s enumeration on `element`'s class or any class above it. */
function enumerationOf(element: object, name: PropertyKey): Enumeration | undefined {
  for (let proto = Object.getPrototypeOf(element); proto; proto = Object.getPrototypeOf(proto)) {
    const found = registry.get(proto)?.get(name);
    if (found) return found;
  }
  return undefined;
}

/** Every enumerated property name of `element`'s class and the classes above it. */
function enumeratedNames(element: object): Set<PropertyKey> {
  const names = new Set<PropertyKey>();
  for (let proto = Object.getPrototypeOf(element); proto; proto = Object.getPrototypeOf(proto)) {
    for (const name of registry.get(proto)?.keys() ?? []) names.add(name);
  }
  return names;
}

/**
 * The warnings for the enumerated properties in `changed` whose value is not allowed
 * (a missing or empty value is: it means the default). `attributeOf` gives the
 * attribute's name for a property.
 */
export function unknownValues(
  element: object,
  changed: ReadonlyMap<PropertyKey, unknown>,
  attributeOf: (name: PropertyKey) => string,
): string[] {
  const warnings: string[] = [];
  for (const name of enumeratedNames(element)) {
    if (!changed.has(name)) continue;
    const value = (element as Record<PropertyKey, unknown>)[name];
    if (value === undefined || value === null || value === '') continue;
    const { values, ignoreCase } = enumerationOf(element, name)!;
    const text = String(value).trim();
    const known = ignoreCase
      ? values.some((allowed) => allowed.toLowerCase() === text.toLowerCase())
      : values.includes(text);
    if (known) continue;
    const list = values.map((allowed) => `"${allowed}"`).join(', ');
    warnings.push(
      `${attributeOf(name)}="${String(value)}" is not a known value; the allowed values are ${list}.`,
    );
  }
  return warnings;
}
