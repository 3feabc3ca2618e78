import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::If`: `[conditionName, valueIfTrue, valueIfFalse]`; only the chosen branch is resolved (it may be AWS::NoValue). */
export const fnIf: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    throw templateError(scope.where, 'Template error: Fn::If requires a list argument with three elements: a condition name, a value if true and a value if false');
  }
  return scope.resolve(scope.condition(args[0]) ? args[1] : args[2]);
};
