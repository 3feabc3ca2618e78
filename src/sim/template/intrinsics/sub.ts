import { IntrinsicFunction } from '../context';
import { templateError } from '../errors';
import { pseudoParameter } from '../pseudo-parameters';
import { toText } from './text';

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * `Fn::Sub`: `"text ${Var}"` or `["text ${Var}", { Var: value }]`. A variable is a name from the map, a pseudo
 * parameter, a parameter, a resource (its Ref) or `Resource.Attribute` (its GetAtt); `${!Literal}` writes
 * `${Literal}` unchanged.
 */
export const sub: IntrinsicFunction = (args, scope) => {
  let text: unknown;
  let variables: Record<string, unknown> = {};
  if (typeof args === 'string') {
    text = args;
  } else if (Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && isObject(args[1])) {
    text = args[0];
    for (const [name, value] of Object.entries(args[1])) variables[name] = scope.resolve(value);
  }
  if (typeof text !== 'string') {
    throw templateError(scope.where, 'Template error: One or more Fn::Sub intrinsic functions don\'t specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string');
  }
  return text.replace(VARIABLE, (_match, raw: string) => {
    if (raw.startsWith('!')) return `\${${raw.slice(1)}}`;
    const name = raw.trim();
    if (Object.prototype.hasOwnProperty.call(variables, name)) return toText(variables[name], 'Fn::Sub', scope.where);
    const pseudo = pseudoParameter(name, scope.env);
    if (pseudo !== undefined) return toText(pseudo, 'Fn::Sub', scope.where);
    if (Object.prototype.hasOwnProperty.call(scope.parameters, name)) return toText(scope.parameters[name], 'Fn::Sub', scope.where);
    const dot = name.indexOf('.');
    if (dot > 0) return toText(scope.resourceAttribute(name.slice(0, dot), name.slice(dot + 1)), 'Fn::Sub', scope.where);
    return toText(scope.resourceRef(name), 'Fn::Sub', scope.where);
  });
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
