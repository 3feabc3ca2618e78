import { IntrinsicFunction } from '../context';
import { UnsupportedTemplateFeatureError } from '../errors';

/** `Fn::ImportValue` reads another stack's export, which a single-stack simulation does not have. */
export const importValue: IntrinsicFunction = (args, scope) => {
  const name = typeof args === 'string' ? args : JSON.stringify(args);
  throw new UnsupportedTemplateFeatureError(scope.where, `Fn::ImportValue (${name})`,
    'the simulator loads a single stack and has no other stack\'s exports; pass the value as a Parameter instead');
};
