/**
 * What a JSONPath-state path reads: `$...` the current data (state input, effective input, or result), `$$...` the
 * Context object, `$name...` a workflow variable ("Passing data between states with variables": in JSONPath states a
 * variable is referenced as `$name`, and its fields as `$name.field`).
 */
import { evaluatePath, Json, JsonPath, NOT_FOUND, PathCache } from './jsonpath';
import { runtimeError } from '../errors';

/** The variables a state sees: its own scope, then the scopes around it (a Map iteration sees the execution's). */
export interface VariableReader {
  get(name: string): Json | undefined;
}

/** The data one path evaluation can read. */
export interface PathData {
  readonly current: Json;
  readonly context: Json;
  readonly variables: VariableReader;
  readonly paths: PathCache;
}

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** `$name.rest` -> ['name', '$.rest'], or undefined when `text` is not a variable reference. */
export function variableReference(text: string): [string, string] | undefined {
  if (text.startsWith('$$')) return undefined;
  const m = VARIABLE.exec(text);
  return m ? [m[1], `$${m[2]}`] : undefined;
}

/** A path of the definition, parsed: the variable it starts from (if any) and the path below that root. */
interface ParsedReference {
  readonly variable?: string;
  readonly path: JsonPath;
}

/** `text` parsed once per state machine (a definition names a bounded set of paths). */
function parsedReference(text: string, paths: PathCache): ParsedReference {
  return paths.memoIn('reference', text, () => {
    const variable = variableReference(text);
    return variable ? { variable: variable[0], path: paths.get(variable[1]) } : { path: paths.get(text) };
  });
}

/** The parsed path of `text` and the root it reads. */
export function resolveRoot(text: string, data: PathData): { root: Json | typeof NOT_FOUND; path: JsonPath; variable?: string } {
  const { variable, path } = parsedReference(text, data.paths);
  if (variable !== undefined) {
    const value = data.variables.get(variable);
    return { root: value === undefined ? NOT_FOUND : value, path, variable };
  }
  return { root: path.context ? data.context : data.current, path };
}

/** The value at `text`, or NOT_FOUND (an undefined variable, a definite path with no node). */
export function readPath(text: string, data: PathData): Json | typeof NOT_FOUND {
  const { variable, path } = parsedReference(text, data.paths);
  if (variable === undefined) return evaluatePath(path, path.context ? data.context : data.current);
  const root = data.variables.get(variable);
  return root === undefined ? NOT_FOUND : evaluatePath(path, root);
}

/** The value at `text`, or a States.Runtime error naming the field (the message Step Functions gives). */
export function readRequiredPath(text: string, data: PathData, field: string): Json {
  const value = readPath(text, data);
  if (value === NOT_FOUND) {
    const variable = variableReference(text);
    if (variable && data.variables.get(variable[0]) === undefined) {
      throw runtimeError(`The variable '$${variable[0]}' referenced in the field '${field}' is not defined`);
    }
    throw runtimeError(`The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(data.current)}'`);
  }
  return value;
}
