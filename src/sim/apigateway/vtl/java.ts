/**
 * Where API Gateway's Java Velocity differs from JavaScript, for the values templates see:
 * - a JSON object or array from `$input.path` / `$util.parseJson` renders as Java's `Map.toString()` / `List.toString()`
 *   (`{a=1, b=x}`, `[1, 2]`), not `[object Object]` / `1,2`;
 * - Java String methods: `length()` is a method, `replace` replaces every occurrence, `replaceAll`, `matches` and
 *   `split` take Java regular expressions (`matches` must match the whole string; `split` drops trailing empty
 *   strings), `equals`, `equalsIgnoreCase`, `isEmpty`, `contains`.
 */

/** Java's `toString()` of a JSON value. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(v => (v === null ? 'null' : javaString(v))).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${v === null ? 'null' : javaString(v)}`).join(', ')}}`;
  }
  return String(value);
}

/**
 * A JSON value whose objects and arrays render the Java way: each gets a non-enumerable `toString`, so property
 * access and iteration in templates still see plain data.
 */
export function javaValue<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) javaValue(v);
    Object.defineProperty(value, 'toString', { value: () => javaString(value), enumerable: false, configurable: true, writable: true });
  }
  return value;
}

interface MethodPayload { property: string; context: any; params: any[] }

function stringMethod(name: string, fn: (s: string, params: any[]) => unknown) {
  return {
    uid: `java: String.${name}`,
    match: (p: MethodPayload) => p.property === name && typeof p.context === 'string',
    resolve: (p: MethodPayload) => fn(p.context, p.params),
  };
}

/** velocityjs `customMethodHandlers` giving strings (and collections) their Java methods. */
export const JAVA_METHOD_HANDLERS = [
  stringMethod('length', s => s.length),
  stringMethod('equals', (s, [o]) => s === String(o)),
  stringMethod('equalsIgnoreCase', (s, [o]) => s.toLowerCase() === String(o).toLowerCase()),
  stringMethod('contains', (s, [o]) => s.includes(String(o))),
  stringMethod('matches', (s, [re]) => new RegExp(`^(?:${String(re)})$`, 's').test(s)),
  stringMethod('replaceAll', (s, [re, by]) => s.replace(new RegExp(String(re), 'g'), String(by))),
  stringMethod('replace', (s, [from, to]) => s.split(String(from)).join(String(to))),
  stringMethod('split', (s, [re]) => {
    const parts = s.split(new RegExp(String(re)));
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }),
  {
    uid: 'java: isEmpty',
    match: (p: MethodPayload) => p.property === 'isEmpty' && (typeof p.context === 'string' || (typeof p.context === 'object' && p.context !== null)),
    resolve: (p: MethodPayload) => (typeof p.context === 'string' || Array.isArray(p.context) ? p.context.length === 0 : Object.keys(p.context).length === 0),
  },
  {
    uid: 'java: List.contains',
    match: (p: MethodPayload) => p.property === 'contains' && Array.isArray(p.context),
    resolve: (p: MethodPayload) => p.context.includes(p.params[0]),
  },
  {
    uid: 'java: Map.containsKey',
    match: (p: MethodPayload) => p.property === 'containsKey' && typeof p.context === 'object' && p.context !== null,
    resolve: (p: MethodPayload) => Object.prototype.hasOwnProperty.call(p.context, p.params[0]),
  },
];
