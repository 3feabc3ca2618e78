import { PolicyDocumentLike } from '../runtime';

/** One statement as written (values may be a string or a list; CloudFormation accepts both). */
export interface RawStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A string or list of strings as a list. */
export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(v => String(v));
}

/** The statements of a policy document (an object, or the JSON string some properties accept). */
export function statementsOf(policy: PolicyDocumentLike | string): RawStatement[] {
  const doc = typeof policy === 'string' ? JSON.parse(policy) as PolicyDocumentLike : policy;
  if (!doc || doc.Statement === undefined) return [];
  return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as RawStatement[];
}
