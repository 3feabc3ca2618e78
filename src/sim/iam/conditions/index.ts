import { ARN_OPERATORS } from './arn';
import { BINARY_OPERATORS } from './binary';
import { BOOL_OPERATORS } from './bool';
import { DATE_OPERATORS } from './date';
import { IP_OPERATORS } from './ip-address';
import { NUMERIC_OPERATORS } from './numeric';
import { STRING_OPERATORS } from './string';
import { ConditionOperator } from './types';

export * from './types';
export { arnMatches } from './arn';

/** Every condition operator by name (without the IfExists suffix or a ForAnyValue:/ForAllValues: qualifier). */
export const CONDITION_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  ...STRING_OPERATORS,
  ...ARN_OPERATORS,
  ...NUMERIC_OPERATORS,
  ...DATE_OPERATORS,
  ...BOOL_OPERATORS,
  ...BINARY_OPERATORS,
  ...IP_OPERATORS,
};
