import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';
import { conditionOperand } from './condition-operand';

/** `Fn::Not`: `[condition]`, negated. */
export const not: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length !== 1) throw templateError(scope.where, 'Template error: Fn::Not requires a list argument with one condition');
  return !conditionOperand(args[0], 'Fn::Not', scope);
};
