import { IntrinsicFunction } from '../context';
import { toText } from './text';

/** `Fn::Base64`: the base64 of the UTF-8 string. */
export const base64: IntrinsicFunction = (args, scope) =>
  Buffer.from(toText(scope.resolve(args), 'Fn::Base64', scope.where), 'utf8').toString('base64');
