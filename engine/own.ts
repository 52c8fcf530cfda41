// Lookups by a key that came from a file: `constructor` or `toString` must not find Object.prototype's (issue 8.4).

/** obj[key] only if obj holds it itself: a key from a file must never find an Object.prototype member. */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined;
export function own(obj: unknown, key: string | number): unknown;
export function own(obj: unknown, key: string | number): unknown {
  return typeof obj === 'object' && obj !== null && Object.hasOwn(obj, key) ? (obj as Record<string | number, unknown>)[key] : undefined;
}

/** An empty record without a prototype: any key from a file, `__proto__` included, is stored as its own property. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
