import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/**
 * `Fn::GetAZs`: the Availability Zones of a region (`""` means the stack's region). Which zones an account sees
 * varies by account; the simulator returns the first three letters, which every commercial region has.
 */
export const getAzs: IntrinsicFunction = (args, scope) => {
  const region = args === '' || args === undefined ? scope.env.region : scope.resolve(args);
  if (typeof region !== 'string') throw templateError(scope.where, 'Template error: Fn::GetAZs requires a region name string or a Ref to AWS::Region');
  const r = region === '' ? scope.env.region : region;
  return [`${r}a`, `${r}b`, `${r}c`];
};
