/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign): a JSON object whose keys
 * ending in `.$` take the value of a path (`$`, `$$`, `$variable`) or an intrinsic function, the `.$` dropped from the
 * key; nested objects and arrays are templates too ("Manipulate parameters with paths", ASL "Payload Template").
 */
import { runtimeError } from '../errors';
import { evaluateIntrinsic, isIntrinsic, parseIntrinsic } from '../intrinsics';
import type { IntrinsicContext } from '../intrinsics/types';
import type { Json } from '../paths/jsonpath';
import { NOT_FOUND } from '../paths/jsonpath';
import { PathData, readPath } from '../paths/reference';

export function applyTemplate(template: Json, data: PathData, cx: IntrinsicContext): Json {
  if (Array.isArray(template)) return template.map(t => applyTemplate(t, data, cx));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = dynamicValue(key, value, data, cx);
    } else {
      out[key] = applyTemplate(value, data, cx);
    }
  }
  return out;
}

/** The value of one `key.$` entry. */
export function dynamicValue(key: string, value: string, data: PathData, cx: IntrinsicContext): Json {
  if (isIntrinsic(value)) return evaluateIntrinsic(data.paths.memo(`intrinsic:${value}`, () => parseIntrinsic(value)), data, cx);
  const v = readPath(value, data);
  if (v === NOT_FOUND) {
    throw runtimeError(`The JsonPath argument for the field '${key}' could not be found in the input '${JSON.stringify(data.current)}'`);
  }
  return v;
}
