import { templateError } from '../errors';

/** A resolved scalar as the string CloudFormation substitutes (numbers and booleans print as written). */
export function toText(value: unknown, fn: string, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(where, `Template error: every ${fn} object requires a list of string values; found ${describe(value)}`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'no value';
  return `a ${typeof value}`;
}
