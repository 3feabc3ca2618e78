import { NO_VALUE, ResolveScope } from './context';
import { UnsupportedTemplateFeatureError } from './errors';
import { INTRINSICS } from './intrinsics';

/**
 * Resolves every intrinsic function in `value`. A single-key object whose key is `Ref` or `Fn::*` is a function call;
 * `AWS::NoValue` removes the property or list element it stands in.
 */
export function resolveValue(value: unknown, scope: ResolveScope): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = resolveValue(item, scope);
      if (r !== NO_VALUE) out.push(r);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1) {
      const key = keys[0];
      const fn = INTRINSICS[key];
      if (fn) return fn(record[key], scope);
      if (key.startsWith('Fn::')) {
        throw new UnsupportedTemplateFeatureError(scope.where, `the intrinsic function ${key}`,
          `supported are ${Object.keys(INTRINSICS).join(', ')}`);
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const r = resolveValue(record[key], scope);
      if (r !== NO_VALUE) out[key] = r;
    }
    return out;
  }
  return value;
}

/**
 * The names a value references (`Ref`, `Fn::GetAtt`, `${Name}` / `${Name.Attr}` in `Fn::Sub`), in both branches of
 * every `Fn::If`, as CloudFormation considers them when it orders resources.
 */
export function referencedNames(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = record[key];
    if (key === 'Ref' && typeof arg === 'string') {
      into.add(arg);
      return into;
    }
    if (key === 'Fn::GetAtt') {
      if (typeof arg === 'string' && arg.indexOf('.') > 0) into.add(arg.slice(0, arg.indexOf('.')));
      else if (Array.isArray(arg) && typeof arg[0] === 'string') into.add(arg[0]);
      if (Array.isArray(arg)) referencedNames(arg.slice(1), into);
      return into;
    }
    if (key === 'Fn::Sub') {
      const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
      const local = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? Object.keys(arg[1] as object) : [];
      if (text !== undefined) {
        for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
          const raw = m[1].trim();
          if (raw.startsWith('!')) continue;
          const name = raw.indexOf('.') > 0 ? raw.slice(0, raw.indexOf('.')) : raw;
          if (!local.includes(raw)) into.add(name);
        }
      }
      if (Array.isArray(arg)) referencedNames(arg[1], into);
      return into;
    }
  }
  for (const key of keys) referencedNames(record[key], into);
  return into;
}
