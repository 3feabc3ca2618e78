/**
 * Definition validation at load, with the codes and pointers CreateStateMachine reports: the specification's MUSTs
 * and MUST NOTs on the top level and on every block (Parallel branches, Map processors), each state's fields for its
 * type and query language, transitions, terminal states, reachability, Retry and Catch, paths, variable names, and
 * the Express limits. asl-validator (which does support JSONata) was tried: its schema errors are ajv `oneOf` noise
 * rather than AWS's messages, and the rules here are needed anyway for those, so the simulator keeps its own.
 */
import { definitionMessage, DefinitionProblem } from './errors';
import { EXCLUSIVE, JSONATA_FIELDS, JSONPATH_FIELDS } from './fields';
import { validateState } from './validate-state';

export type { DefinitionProblem } from './errors';
export { definitionMessage };

/** State names are at most 80 characters. */
export const MAX_STATE_NAME = 80;

export interface ValidationOptions {
  readonly type: 'STANDARD' | 'EXPRESS';
}

/** Every problem of `definition`, in the order found (empty when it is valid). */
export function validateDefinition(definition: unknown, options: ValidationOptions): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return [{ code: 'INVALID_JSON_DESCRIPTION', message: 'The definition must be a JSON object', at: '/' }];
  }
  const d = definition as Record<string, any>;
  const allowedTop = ['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage'];
  for (const k of Object.keys(d)) if (!allowedTop.includes(k)) problems.push(schema(`The field "${k}" is not supported by Step Functions`, ''));
  if (d.QueryLanguage !== undefined && d.QueryLanguage !== 'JSONPath' && d.QueryLanguage !== 'JSONata') {
    problems.push(schema(`QueryLanguage must be JSONPath or JSONata, got ${JSON.stringify(d.QueryLanguage)}`, '/QueryLanguage'));
  }
  if (d.TimeoutSeconds !== undefined && !(Number.isInteger(d.TimeoutSeconds) && d.TimeoutSeconds >= 1 && d.TimeoutSeconds <= 99999999)) {
    problems.push(schema('TimeoutSeconds must be an integer from 1 to 99999999', '/TimeoutSeconds'));
  }
  validateBlock(d, '', d.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath', problems, options);
  return problems;
}

/** A block: a definition, a Parallel branch, or a Map processor. */
export function validateBlock(
  block: Record<string, any>, at: string, language: 'JSONPath' | 'JSONata', problems: DefinitionProblem[], options: ValidationOptions,
): void {
  if (typeof block.StartAt !== 'string') problems.push(schema('These fields are required: [StartAt]', at || '/'));
  if (block.States === null || typeof block.States !== 'object' || Array.isArray(block.States) || Object.keys(block.States).length === 0) {
    problems.push(schema('These fields are required: [States]', at || '/'));
    return;
  }
  const states = block.States as Record<string, Record<string, any>>;
  const names = Object.keys(states);
  if (typeof block.StartAt === 'string' && !names.includes(block.StartAt)) {
    problems.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing 'StartAt' target: ${block.StartAt}`, at: `${at}/StartAt` });
  }
  let terminal = false;
  for (const name of names) {
    const state = states[name];
    const here = `${at}/States/${name}`;
    if (name.length > MAX_STATE_NAME || name.length === 0) problems.push(schema(`State names must be 1 to ${MAX_STATE_NAME} characters long (${name.length})`, here));
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      problems.push(schema('A state must be a JSON object', here));
      continue;
    }
    const lang = state.QueryLanguage ?? language;
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath' && state.QueryLanguage !== 'JSONata') {
      problems.push(schema(`QueryLanguage must be JSONPath or JSONata, got ${JSON.stringify(state.QueryLanguage)}`, `${here}/QueryLanguage`));
    }
    if (language === 'JSONata' && state.QueryLanguage === 'JSONPath') {
      problems.push(schema('A state cannot use JSONPath when the state machine\'s QueryLanguage is JSONata', `${here}/QueryLanguage`));
    }
    const allowed = (lang === 'JSONata' ? JSONATA_FIELDS : JSONPATH_FIELDS)[state.Type];
    if (!allowed) {
      problems.push(schema(`The value of the field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map, got ${JSON.stringify(state.Type)}`, `${here}/Type`));
      continue;
    }
    for (const k of Object.keys(state)) {
      if (allowed.includes(k)) continue;
      const other = (lang === 'JSONata' ? JSONPATH_FIELDS : JSONATA_FIELDS)[state.Type];
      problems.push(schema(other.includes(k)
        ? `The field "${k}" is not supported for ${lang} states (QueryLanguage ${lang}): it belongs to ${lang === 'JSONata' ? 'JSONPath' : 'JSONata'} states`
        : `The field "${k}" is not supported by Step Functions`, here));
    }
    for (const group of EXCLUSIVE) {
      const present = group.filter(f => state[f] !== undefined);
      if (present.length > 1) problems.push(schema(`These fields cannot be specified together: [${present.join(', ')}]`, here));
    }
    const transitions = validateState(state, here, lang, problems, options);
    if (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true) terminal = true;
    for (const [target, pointer] of transitions) {
      if (!names.includes(target)) problems.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing '${pointer.split('/').pop()}' target: ${target}`, at: `${here}${pointer}` });
    }
  }
  if (!terminal) problems.push({ code: 'MISSING_END_STATE', message: 'Workflow has no terminal state', at: `${at}/States` });
  for (const name of unreachable(block.StartAt, states)) {
    problems.push({ code: 'MISSING_TRANSITION_TARGET', message: `State "${name}" is not reachable`, at: `${at}/States/${name}` });
  }
}

/** States no path of transitions leads to from StartAt. */
function unreachable(startAt: unknown, states: Record<string, Record<string, any>>): string[] {
  if (typeof startAt !== 'string' || !(startAt in states)) return [];
  const seen = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const s = states[queue.shift()!];
    if (!s || typeof s !== 'object') continue;
    const nexts = (list: unknown) => (Array.isArray(list) ? list.map((c: any) => c?.Next) : []);
    const targets = [s.Next, s.Default, ...nexts(s.Choices), ...nexts(s.Catch)];
    for (const t of targets) {
      if (typeof t === 'string' && t in states && !seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return Object.keys(states).filter(n => !seen.has(n));
}

export function schema(message: string, at: string): DefinitionProblem {
  return { code: 'SCHEMA_VALIDATION_FAILED', message, at: at || '/' };
}
