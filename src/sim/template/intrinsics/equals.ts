import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::Equals`: `[a, b]`, compared as CloudFormation compares resolved values (numbers and strings by text). */
export const equals: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length !== 2) throw templateError(scope.where, 'Template error: Fn::Equals requires a list of exactly two values to compare');
  return canonical(scope.resolve(args[0])) === canonical(scope.resolve(args[1]));
};

function canonical(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
