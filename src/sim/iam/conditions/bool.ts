import { comparing, ConditionOperator } from './types';

/** `Bool`: "true"/"false", case-insensitive (e.g. aws:SecureTransport). */
export const BOOL_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  Bool: comparing((v, p) => v.toLowerCase() === p.toLowerCase(), false),
};
