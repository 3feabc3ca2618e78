import { anythingButOperator } from './anything-but';
import { cidrOperator } from './cidr';
import { equalsIgnoreCaseOperator } from './equals-ignore-case';
import { existsOperator } from './exists';
import { numericOperator } from './numeric';
import { MatchOperator } from './operator';
import { prefixOperator } from './prefix';
import { suffixOperator } from './suffix';
import { wildcardOperator } from './wildcard';

export { compileLiteral } from './exact';
export type { MatchOperator } from './operator';

/** The match operators SNS filter policies support, by the key that names them in a match expression. */
export const MATCH_OPERATORS: ReadonlyMap<string, MatchOperator> = new Map(
  [
    prefixOperator,
    suffixOperator,
    equalsIgnoreCaseOperator,
    anythingButOperator,
    numericOperator,
    existsOperator,
    cidrOperator,
    wildcardOperator,
  ].map(op => [op.name, op]),
);
