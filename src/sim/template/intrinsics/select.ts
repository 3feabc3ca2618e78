import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::Select`: `[index, list]`; the index may be a number or a numeric string. */
export const select: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length !== 2) {
    throw templateError(scope.where, 'Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
  }
  const index = Number(scope.resolve(args[0]));
  const list = scope.resolve(args[1]);
  if (!Array.isArray(list) || !Number.isInteger(index)) {
    throw templateError(scope.where, 'Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
  }
  if (index < 0 || index >= list.length) throw templateError(scope.where, `Template error: Fn::Select cannot select nonexistent value at index ${index}`);
  return list[index];
};
