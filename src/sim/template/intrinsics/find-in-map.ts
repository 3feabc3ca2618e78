import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';

/** `Fn::FindInMap`: `[mapName, topLevelKey, secondLevelKey]` from the Mappings section. */
export const findInMap: IntrinsicFunction = (args, scope) => {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) {
    throw templateError(scope.where, 'Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value');
  }
  const [map, top, second] = args.slice(0, 3).map(a => scope.resolve(a));
  const value = (scope.mappings as any)[String(map)]?.[String(top)]?.[String(second)];
  if (value === undefined) {
    // The DefaultValue option of the AWS::LanguageExtensions transform.
    const fallback = args[3] && typeof args[3] === 'object' ? (args[3] as Record<string, unknown>).DefaultValue : undefined;
    if (fallback !== undefined) return scope.resolve(fallback);
    throw templateError(scope.where, `Template error: Unable to get mapping for ${String(map)}::${String(top)}::${String(second)}`);
  }
  return value;
};
