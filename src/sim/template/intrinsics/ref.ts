import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';
import { pseudoParameter } from '../pseudo-parameters';

/** `Ref`: a pseudo parameter, a parameter's value, or what the resource type returns (URL, ARN, name, ...). */
export const ref: IntrinsicFunction = (args, scope) => {
  const name = typeof args === 'string' ? args : undefined;
  if (name === undefined) throw templateError(scope.where, 'Template format error: Every Ref object must have a single String value.');
  const pseudo = pseudoParameter(name, scope.env);
  if (pseudo !== undefined) return pseudo;
  if (Object.prototype.hasOwnProperty.call(scope.parameters, name)) return scope.parameters[name];
  if (scope.section === 'Conditions') {
    throw templateError('Conditions', `Template error: Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`);
  }
  return scope.resourceRef(name);
};
