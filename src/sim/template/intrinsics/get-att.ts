import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::GetAtt`: `[logicalId, attribute]` or the short `"logicalId.attribute"` form (split at the first dot). */
export const getAtt: IntrinsicFunction = (args, scope) => {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    if (dot <= 0) throw templateError(scope.where, `Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute ('${args}')`);
    logicalId = args.slice(0, dot);
    attribute = args.slice(dot + 1);
  } else if (Array.isArray(args) && args.length === 2) {
    logicalId = args[0];
    // The attribute name may itself be a Ref to a parameter.
    attribute = typeof args[1] === 'string' ? args[1] : scope.resolve(args[1]);
  }
  if (typeof logicalId !== 'string' || typeof attribute !== 'string' || logicalId === '' || attribute === '') {
    throw templateError(scope.where, 'Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute');
  }
  if (scope.section === 'Conditions') {
    throw templateError('Conditions', `Template error: Unresolved dependencies [${logicalId}]. Cannot reference resources in the Conditions block of the template`);
  }
  return scope.resourceAttribute(logicalId, attribute);
};
