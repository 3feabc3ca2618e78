import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';
import { conditionOperand } from './condition-operand';

/** `Fn::And`: true when all of its 2 to 10 conditions are true. */
export const and: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length < 2 || args.length > 10) {
    throw templateError(scope.where, 'Template error: Fn::And requires a list of between 2 and 10 conditions');
  }
  // Every operand is evaluated (no short cut), so an invalid operand is reported as CloudFormation would.
  return args.map(a => conditionOperand(a, 'Fn::And', scope)).every(Boolean);
};
