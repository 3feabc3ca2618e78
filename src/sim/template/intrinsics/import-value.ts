import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/**
 * `Fn::ImportValue`: the value another stack exports under that name (an Output's `Export.Name`). Stacks loaded
 * together (`Simulator.fromStacks`, `fromApp`, `fromAssembly`) are loaded exporters first, as CloudFormation deploys
 * them; an unknown name fails as CloudFormation fails the import.
 */
export const importValue: IntrinsicFunction = (args, scope) => {
  const name = scope.resolve(args);
  if (typeof name !== 'string') throw templateError(scope.where, 'Template error: the Fn::ImportValue argument must resolve to a string');
  const value = scope.exports.get(name);
  if (value === undefined) throw templateError(scope.where, `No export named ${name} found.`);
  return value;
};
