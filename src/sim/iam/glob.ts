/**
 * IAM wildcard matching: `*` matches any run of characters, `?` any single character. Patterns without wildcards
 * compare as strings; the rest compile once to a RegExp (policies are evaluated on every delivery).
 */
export type Matcher = (value: string) => boolean;

const cache = new Map<string, Matcher>();

export function globMatcher(pattern: string, ignoreCase = false): Matcher {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let m = cache.get(key);
  if (m) return m;
  if (pattern === '*') {
    m = () => true;
  } else if (!/[*?]/.test(pattern)) {
    const p = ignoreCase ? pattern.toLowerCase() : pattern;
    m = ignoreCase ? v => v.toLowerCase() === p : v => v === p;
  } else {
    const source = pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('');
    const re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    m = v => re.test(v);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, m);
  return m;
}
