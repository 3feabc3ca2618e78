import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::Split`: `[delimiter, source]` into a list of strings. */
export const split: IntrinsicFunction = (args, scope) => {
  const usage = 'Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.';
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || args[0] === '') throw templateError(scope.where, usage);
  const source = scope.resolve(args[1]);
  if (typeof source !== 'string') throw templateError(scope.where, usage);
  return source.split(args[0]);
};
