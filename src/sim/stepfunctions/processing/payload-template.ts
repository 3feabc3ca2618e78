/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign): a JSON object whose keys
 * ending in `.$` take the value of a path (`$`, `$$`, `$variable`) or an intrinsic function, the `.$` dropped from the
 * key; nested objects and arrays are templates too ("Manipulate parameters with paths", ASL "Payload Template").
 */
import { runtimeError } from '../errors';
import { evaluateIntrinsic, IntrinsicCall, isIntrinsic, parseIntrinsic } from '../intrinsics';
import type { IntrinsicContext } from '../intrinsics/types';
import type { Json } from '../paths/jsonpath';
import { NOT_FOUND } from '../paths/jsonpath';
import { PathData, readPath } from '../paths/reference';

export function applyTemplate(template: Json, data: PathData, cx: IntrinsicContext): Json {
  if (template === null || typeof template !== 'object') return template;
  return evaluate(data.paths.memoByObject(template, () => compile(template)), data, cx);
}

/**
 * A template compiled once per state machine: which keys read a path or call an intrinsic (their `.$` dropped, the
 * intrinsic parsed), and which parts are constant, so an evaluation neither re-reads keys nor re-parses calls.
 */
type CompiledTemplate =
  | { readonly kind: 'constant'; readonly value: Json }
  | { readonly kind: 'array'; readonly items: readonly CompiledTemplate[] }
  | { readonly kind: 'object'; readonly entries: readonly TemplateEntry[] };

interface TemplateEntry {
  readonly key: string;
  /** For `key.$` entries: the original key (errors name it) and the path or intrinsic call. */
  readonly dynamic?: { readonly sourceKey: string; readonly text: string; readonly intrinsic?: IntrinsicCall };
  readonly nested?: CompiledTemplate;
}

function compile(template: Json): CompiledTemplate {
  if (template === null || typeof template !== 'object') return { kind: 'constant', value: template };
  if (Array.isArray(template)) return { kind: 'array', items: template.map(compile) };
  const entries: TemplateEntry[] = Object.entries(template).map(([key, value]) => {
    if (key.endsWith('.$') && typeof value === 'string') {
      return { key: key.slice(0, -2), dynamic: { sourceKey: key, text: value, intrinsic: isIntrinsic(value) ? parseIntrinsic(value) : undefined } };
    }
    return { key, nested: compile(value) };
  });
  return { kind: 'object', entries };
}

function evaluate(t: CompiledTemplate, data: PathData, cx: IntrinsicContext): Json {
  if (t.kind === 'constant') return t.value;
  if (t.kind === 'array') return t.items.map(item => evaluate(item, data, cx));
  const out: Record<string, Json> = {};
  for (const e of t.entries) {
    const d = e.dynamic;
    if (d === undefined) out[e.key] = evaluate(e.nested!, data, cx);
    else out[e.key] = d.intrinsic ? evaluateIntrinsic(d.intrinsic, data, cx) : pathValue(d.sourceKey, d.text, data);
  }
  return out;
}

/** The value of one `key.$` entry. */
export function dynamicValue(key: string, value: string, data: PathData, cx: IntrinsicContext): Json {
  if (isIntrinsic(value)) return evaluateIntrinsic(data.paths.memoIn('intrinsic', value, () => parseIntrinsic(value)), data, cx);
  return pathValue(key, value, data);
}

function pathValue(key: string, value: string, data: PathData): Json {
  const v = readPath(value, data);
  if (v === NOT_FOUND) {
    throw runtimeError(`The JsonPath argument for the field '${key}' could not be found in the input '${JSON.stringify(data.current)}'`);
  }
  return v;
}
