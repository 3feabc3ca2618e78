import { comparing, ConditionOperator } from './types';

/** `BinaryEquals`: base64 values compared byte for byte. */
export const BINARY_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  BinaryEquals: comparing((v, p) => Buffer.from(v, 'base64').equals(Buffer.from(p, 'base64')), false),
};
