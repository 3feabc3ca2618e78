import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';
import { conditionOperand } from './condition-operand';

/** `Fn::Or`: true when any of its 2 to 10 conditions is true. */
export const or: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length < 2 || args.length > 10) {
    throw templateError(scope.where, 'Template error: Fn::Or requires a list of between 2 and 10 conditions');
  }
  return args.map(a => conditionOperand(a, 'Fn::Or', scope)).some(Boolean);
};
