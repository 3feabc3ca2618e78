import { IntrinsicFunction, NO_VALUE } from '../context';
import { templateError } from '../errors';
import { toText } from './text';

/** `Fn::Join`: `[delimiter, [values...]]`, or a function that returns a list (Fn::GetAZs, Fn::Split). */
export const join: IntrinsicFunction = (args, scope) => {
  const usage = 'Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.';
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') throw templateError(scope.where, usage);
  const list = scope.resolve(args[1]);
  if (!Array.isArray(list)) throw templateError(scope.where, usage);
  return list.filter(v => v !== NO_VALUE).map(v => toText(v, 'Fn::Join', scope.where)).join(args[0]);
};
