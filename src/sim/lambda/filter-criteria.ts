/**
 * Event source mapping FilterCriteria ("Control which events Lambda sends to your function"): up to 5 filters, a
 * record passes when any filter matches. Each filter pattern uses the event-pattern syntax: keys are ANDed, a list
 * of values is ORed, nested objects match nested fields, and the operators null, empty string, equals,
 * equals-ignore-case, anything-but (values, prefix, suffix, equals-ignore-case), numeric (=, <, <=, >, >= pairs),
 * exists, prefix, suffix, wildcard and `$or`. For SQS, a JSON body is matched as an object; a body that is not
 * JSON matches only plain-value patterns on `body`. Lambda deletes SQS messages that match no filter.
 *
 * Hand-written (about a hundred lines) because the pattern language is small and no matching package is a
 * dependency; the SNS filter-policy engine is a different language (attribute types, message attribute scope).
 */
export type EventPattern = Record<string, unknown>;

export class FilterPatternError extends Error {}

/** Parses `Filters[].Pattern` (a JSON string) into patterns; throws FilterPatternError naming the problem. */
export function parseFilterCriteria(criteria: unknown): EventPattern[] {
  if (criteria === undefined || criteria === null) return [];
  const filters = (criteria as { Filters?: unknown }).Filters;
  if (filters === undefined) return [];
  if (!Array.isArray(filters)) throw new FilterPatternError('FilterCriteria.Filters must be a list');
  if (filters.length > 5) throw new FilterPatternError(`FilterCriteria has ${filters.length} filters; the maximum is 5`);
  return filters.map((f, i) => {
    const raw = (f as { Pattern?: unknown })?.Pattern;
    let pattern: unknown = raw;
    if (typeof raw === 'string') {
      try {
        pattern = JSON.parse(raw);
      } catch {
        throw new FilterPatternError(`Filters[${i}].Pattern is not valid JSON: ${raw}`);
      }
    }
    if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) throw new FilterPatternError(`Filters[${i}].Pattern must be a JSON object`);
    validate(pattern as EventPattern, `Filters[${i}].Pattern`);
    return pattern as EventPattern;
  });
}

function validate(pattern: EventPattern, path: string): void {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2) throw new FilterPatternError(`${path}.$or must be a list of at least two patterns`);
      rule.forEach((sub, i) => validate(sub as EventPattern, `${path}.$or[${i}]`));
    } else if (Array.isArray(rule)) {
      for (const r of rule) {
        if (typeof r === 'object' && r !== null) {
          const op = Object.keys(r)[0];
          if (!OPERATORS.has(op)) throw new FilterPatternError(`${path}.${key}: unsupported operator '${op}'`);
        }
      }
    } else if (typeof rule === 'object' && rule !== null) {
      validate(rule as EventPattern, `${path}.${key}`);
    } else {
      throw new FilterPatternError(`${path}.${key}: match values must be in a list (e.g. ["value"])`);
    }
  }
}

const OPERATORS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr']);

/** True when `event` matches `pattern`. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  for (const key of Object.keys(pattern)) {
    const rule = pattern[key];
    if (key === '$or') {
      if (!(rule as EventPattern[]).some(sub => matchesPattern(sub, event))) return false;
      continue;
    }
    const present = typeof event === 'object' && event !== null && !Array.isArray(event) && key in (event as object);
    const value = present ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) {
      if (!matchesValues(rule, value, present)) return false;
    } else if (typeof value !== 'object' || value === null || Array.isArray(value) || !matchesPattern(rule as EventPattern, value)) {
      return false;
    }
  }
  return true;
}

function matchesValues(rules: unknown[], value: unknown, present: boolean): boolean {
  for (const rule of rules) {
    if (typeof rule === 'object' && rule !== null && 'exists' in rule) {
      const wanted = (rule as { exists: unknown }).exists === true;
      if (wanted === (present && value !== undefined && !(Array.isArray(value) && value.length === 0))) return true;
      continue;
    }
    if (!present) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some(v => matchesOne(rule, v))) return true;
  }
  return false;
}

function matchesOne(rule: unknown, v: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return literalEquals(rule, v);
  const [op, arg] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.startsWith(arg) : v.toLowerCase().startsWith(String((arg as Record<string, unknown>)['equals-ignore-case']).toLowerCase()));
    case 'suffix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.endsWith(arg) : v.toLowerCase().endsWith(String((arg as Record<string, unknown>)['equals-ignore-case']).toLowerCase()));
    case 'equals-ignore-case':
      return typeof v === 'string' && typeof arg === 'string' && v.toLowerCase() === arg.toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && typeof arg === 'string' && wildcard(arg).test(v);
    case 'numeric':
      return typeof v === 'number' && numeric(arg as unknown[], v);
    case 'anything-but': {
      if (v === undefined) return false;
      if (Array.isArray(arg)) return !arg.some(a => literalEquals(a, v));
      if (typeof arg === 'object' && arg !== null) return !matchesOne(arg, v);
      return !literalEquals(arg, v);
    }
    case 'cidr':
      return false; // IP matching is not used by SQS records
    default:
      return false;
  }
}

function literalEquals(rule: unknown, v: unknown): boolean {
  if (rule === null) return v === null;
  return rule === v;
}

function numeric(spec: unknown[], v: number): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const op = spec[i];
    const n = Number(spec[i + 1]);
    const ok = op === '=' ? v === n : op === '<' ? v < n : op === '<=' ? v <= n : op === '>' ? v > n : op === '>=' ? v >= n : false;
    if (!ok) return false;
  }
  return true;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

/** The object a filter sees for one SQS record: the record with a JSON body parsed (a non-JSON body stays a string). */
export function filterableSqsRecord(record: { body: string }): Record<string, unknown> {
  let body: unknown = record.body;
  const trimmed = record.body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      body = JSON.parse(record.body);
    } catch {
      body = record.body;
    }
  }
  return { ...record, body };
}
