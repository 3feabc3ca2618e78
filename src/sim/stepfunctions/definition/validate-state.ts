/**
 * The rules of one state: required fields, terminal rules, Choice Rules, Retry and Catch, paths, JSONata
 * expressions, variable names, Map and Parallel blocks, and the Express limits. Returns the state's transitions
 * (target, pointer) for the block to check.
 */
import type { DefinitionProblem } from './errors';
import { schema, validateBlock, ValidationOptions } from './validate';
import { describeResource } from '../integrations/resource';
import { isIntrinsic, parseIntrinsic } from '../intrinsics';
import { isJsonataExpression } from '../jsonata/evaluate';
import { isReferencePath, isValidPath } from '../paths/jsonpath';
import { variableReference } from '../paths/reference';
import { CHOICE_OPERATORS } from '../states/choice-rules';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variable names are at most 80 characters; `states` is reserved for `$states` ("Passing data between states with variables"). */
const MAX_VARIABLE_NAME = 80;
const RESERVED_VARIABLES = ['states'];

export function validateState(
  s: Record<string, any>, at: string, lang: 'JSONPath' | 'JSONata', problems: DefinitionProblem[], options: ValidationOptions,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (message: string, pointer = '') => problems.push(schema(message, `${at}${pointer}`));
  const requireFields = (...fields: string[]) => {
    const missing = fields.filter(f => s[f] === undefined);
    if (missing.length > 0) add(`These fields are required: [${missing.join(', ')}]`);
  };
  const type = s.Type as string;
  if (['Pass', 'Task', 'Wait', 'Parallel', 'Map'].includes(type)) {
    if (s.Next === undefined && s.End !== true) add('These fields are required: [Next, End] (one of them)');
    if (s.End !== undefined && s.End !== true) add('The value of the field \'End\' must be true', '/End');
  }
  if (typeof s.Next === 'string') out.push([s.Next, '/Next']);
  else if (s.Next !== undefined) add('The value of the field \'Next\' must be a STRING', '/Next');

  // Paths and payload templates (JSONPath) / expressions (JSONata).
  if (lang === 'JSONPath') {
    for (const f of ['InputPath', 'OutputPath', 'ItemsPath']) {
      if (s[f] !== undefined && s[f] !== null && !(typeof s[f] === 'string' && (isValidPath(s[f]) || validVariablePath(s[f])))) add(`The value of the field '${f}' is not a valid JSONPath: ${JSON.stringify(s[f])}`, `/${f}`);
    }
    if (s.ResultPath !== undefined && s.ResultPath !== null && !(typeof s.ResultPath === 'string' && isReferencePath(s.ResultPath))) {
      add(`The value of the field 'ResultPath' is not a valid Reference Path: ${JSON.stringify(s.ResultPath)}`, '/ResultPath');
    }
    for (const f of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign']) if (s[f] !== undefined) checkTemplate(s[f], `${at}/${f}`, problems);
    for (const f of ['SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ErrorPath', 'CausePath']) {
      if (s[f] !== undefined) checkDynamic(f, s[f], `${at}/${f}`, problems);
    }
  } else {
    checkNoDollarKeys(s, at, problems);
    for (const f of ['Arguments', 'Output', 'Items', 'Assign']) if (s[f] !== undefined) checkJsonata(s[f], `${at}/${f}`, problems);
  }
  if (s.Assign !== undefined) checkAssign(s.Assign, `${at}/Assign`, problems);

  if (type === 'Task') {
    requireFields('Resource');
    if (s.Resource !== undefined && typeof s.Resource !== 'string') add('The value of the field \'Resource\' must be a STRING', '/Resource');
    if (typeof s.Resource === 'string' && options.type === 'EXPRESS') {
      const pattern = describeResource(s.Resource).pattern;
      if (pattern !== 'request-response') add(`Express state machines do not support the '.${pattern}' service integration pattern`, '/Resource');
    }
    for (const f of ['TimeoutSeconds', 'HeartbeatSeconds']) {
      if (typeof s[f] === 'number' && !(Number.isInteger(s[f]) && s[f] >= 1 && s[f] <= 99999999)) add(`${f} must be an integer from 1 to 99999999`, `/${f}`);
    }
    if (typeof s.TimeoutSeconds === 'number' && typeof s.HeartbeatSeconds === 'number' && s.HeartbeatSeconds >= s.TimeoutSeconds) {
      add('HeartbeatSeconds must be smaller than TimeoutSeconds', '/HeartbeatSeconds');
    }
  }
  if (type === 'Wait') {
    if (!['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].some(f => s[f] !== undefined)) add('These fields are required: [Seconds, SecondsPath, Timestamp, TimestampPath] (one of them)');
    if (typeof s.Seconds === 'number' && !(Number.isInteger(s.Seconds) && s.Seconds >= 0 && s.Seconds <= 99999999)) add('Seconds must be an integer from 0 to 99999999', '/Seconds');
  }
  if (type === 'Choice') {
    if (s.Next !== undefined || s.End !== undefined) add('A Choice state cannot have Next or End: its Choices and Default transition');
    if (!Array.isArray(s.Choices) || s.Choices.length === 0) add('These fields are required: [Choices] (a non-empty array)');
    else s.Choices.forEach((rule: any, i: number) => out.push(...checkChoiceRule(rule, `${at}/Choices/${i}`, lang, problems, true)));
    if (typeof s.Default === 'string') out.push([s.Default, '/Default']);
  }
  if ((type === 'Succeed' || type === 'Fail') && (s.Next !== undefined || s.End !== undefined)) add(`A ${type} state cannot have Next or End: it is terminal`);
  if (s.Retry !== undefined) checkRetry(s.Retry, at, problems);
  if (s.Catch !== undefined) out.push(...checkCatch(s.Catch, at, problems, lang));
  if (type === 'Parallel') {
    if (!Array.isArray(s.Branches) || s.Branches.length === 0) add('These fields are required: [Branches] (a non-empty array)');
    else s.Branches.forEach((b: any, i: number) => validateBlock(b ?? {}, `${at}/Branches/${i}`, b?.QueryLanguage ?? lang, problems, options));
  }
  if (type === 'Map') {
    const processor = s.ItemProcessor ?? s.Iterator;
    if (!processor) add('These fields are required: [ItemProcessor]');
    else validateBlock(processor, `${at}/${s.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`, processor.QueryLanguage ?? lang, problems, options);
    const distributed = s.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
    for (const f of ['ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentage',
      'ToleratedFailurePercentagePath', 'Label']) {
      if (s[f] !== undefined && !distributed) add(`The field "${f}" is supported only by a Map state in DISTRIBUTED mode`, `/${f}`);
    }
    const mode = s.ItemProcessor?.ProcessorConfig?.Mode;
    if (mode !== undefined && mode !== 'INLINE' && mode !== 'DISTRIBUTED') add('ProcessorConfig.Mode must be INLINE or DISTRIBUTED', '/ItemProcessor/ProcessorConfig/Mode');
    if (typeof s.ToleratedFailurePercentage === 'number' && (s.ToleratedFailurePercentage < 0 || s.ToleratedFailurePercentage > 100)) {
      add('ToleratedFailurePercentage must be from 0 to 100', '/ToleratedFailurePercentage');
    }
    if (typeof s.Label === 'string' && (s.Label.length > 40 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(s.Label))) add('Label must be at most 40 characters with no whitespace or special characters', '/Label');
  }
  return out;
}


function validVariablePath(text: string): boolean {
  const v = variableReference(text);
  return v !== undefined && isValidPath(v[1]);
}

function checkDynamic(field: string, value: unknown, at: string, problems: DefinitionProblem[]): void {
  if (typeof value !== 'string') {
    problems.push(schema(`The value of the field '${field}' must be a STRING`, at));
    return;
  }
  if (isIntrinsic(value)) {
    try {
      parseIntrinsic(value);
    } catch (e) {
      problems.push(schema((e as Error).message, at));
    }
    return;
  }
  if (!isValidPath(value) && !validVariablePath(value)) problems.push(schema(`The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`, at));
}

function checkTemplate(template: unknown, at: string, problems: DefinitionProblem[]): void {
  if (Array.isArray(template)) {
    template.forEach((t, i) => checkTemplate(t, `${at}/${i}`, problems));
    return;
  }
  if (template === null || typeof template !== 'object') return;
  for (const [k, v] of Object.entries(template)) {
    if (k.endsWith('.$')) checkDynamic(k, v, `${at}/${k}`, problems);
    else checkTemplate(v, `${at}/${k}`, problems);
  }
}

function checkJsonata(value: unknown, at: string, problems: DefinitionProblem[]): void {
  if (Array.isArray(value)) {value.forEach((v, i) => checkJsonata(v, `${at}/${i}`, problems));} else if (value !== null && typeof value === 'object') {for (const [k, v] of Object.entries(value)) checkJsonata(v, `${at}/${k}`, problems);} else if (typeof value === 'string' && value.startsWith('{%') && !isJsonataExpression(value)) {problems.push(schema('A JSONata expression must be written {% expression %}', at));} else if (isJsonataExpression(value)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jsonata = require('jsonata') as (e: string) => unknown;
    try {
      jsonata(value.slice(2, -2));
    } catch (e) {
      problems.push(schema(`The JSONata expression ${value} is not valid: ${(e as Error).message}`, at));
    }
  }
}

/** JSONata states do not use `.$` field names (they are JSONPath's payload templates). */
function checkNoDollarKeys(s: Record<string, any>, at: string, problems: DefinitionProblem[]): void {
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {v.forEach((x, i) => walk(x, `${path}/${i}`));} else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.endsWith('.$')) problems.push(schema(`The field "${k}" ends in ".$", which JSONata states do not support: write a {% %} expression`, `${path}/${k}`));
        else walk(x, `${path}/${k}`);
      }
    }
  };
  for (const f of ['Arguments', 'Output', 'Assign', 'ItemSelector']) if (s[f] !== undefined) walk(s[f], `${at}/${f}`);
}

function checkAssign(assign: unknown, at: string, problems: DefinitionProblem[]): void {
  if (assign === null || typeof assign !== 'object' || Array.isArray(assign)) {
    problems.push(schema('The value of the field \'Assign\' must be an OBJECT', at));
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = key.replace(/\.\$$/, '');
    if (!VARIABLE_NAME.test(name) || name.length > MAX_VARIABLE_NAME) {
      problems.push(schema(`The variable name '${name}' is not valid: a letter or underscore, then letters, digits and underscores, at most ${MAX_VARIABLE_NAME} characters`, `${at}/${key}`));
    }
    if (RESERVED_VARIABLES.includes(name)) problems.push(schema(`The variable name '${name}' is reserved`, `${at}/${key}`));
  }
}

function checkChoiceRule(rule: any, at: string, lang: 'JSONPath' | 'JSONata', problems: DefinitionProblem[], top: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (rule === null || typeof rule !== 'object') {
    problems.push(schema('A Choice Rule must be a JSON object', at));
    return out;
  }
  const rel = at.slice(at.indexOf('/Choices'));
  if (top) {
    if (typeof rule.Next !== 'string') problems.push(schema('These fields are required: [Next]', at));
    else out.push([rule.Next, `${rel}/Next`]);
    if (rule.Assign !== undefined) checkAssign(rule.Assign, `${at}/Assign`, problems);
  } else if (rule.Next !== undefined) {
    problems.push(schema('A nested Choice Rule cannot have Next', at));
  }
  if (lang === 'JSONata') {
    if (!isJsonataExpression(rule.Condition)) problems.push(schema('These fields are required: [Condition] (a {% %} expression)', at));
    return out;
  }
  if (Array.isArray(rule.And) || Array.isArray(rule.Or)) {
    const list = rule.And ?? rule.Or;
    if (list.length === 0) problems.push(schema('And and Or need at least one Choice Rule', at));
    list.forEach((r: any, i: number) => checkChoiceRule(r, `${at}/${rule.And ? 'And' : 'Or'}/${i}`, lang, problems, false));
    return out;
  }
  if (rule.Not !== undefined) {
    checkChoiceRule(rule.Not, `${at}/Not`, lang, problems, false);
    return out;
  }
  const operators = CHOICE_OPERATORS.filter(op => rule[op] !== undefined);
  if (typeof rule.Variable !== 'string' || !(isValidPath(rule.Variable) || validVariablePath(rule.Variable))) {
    problems.push(schema('These fields are required: [Variable] (a valid JSONPath)', at));
  }
  if (operators.length !== 1) problems.push(schema(`A Choice Rule needs exactly one comparison operator (got ${operators.length})`, at));
  for (const op of operators.filter(o => o.endsWith('Path'))) {
    if (typeof rule[op] !== 'string' || !(isValidPath(rule[op]) || validVariablePath(rule[op]))) problems.push(schema(`The value of the field '${op}' must be a valid JSONPath`, `${at}/${op}`));
  }
  return out;
}

function checkRetry(retry: unknown, at: string, problems: DefinitionProblem[]): void {
  if (!Array.isArray(retry)) {
    problems.push(schema('The value of the field \'Retry\' must be an ARRAY', `${at}/Retry`));
    return;
  }
  retry.forEach((r: any, i: number) => {
    const here = `${at}/Retry/${i}`;
    checkErrorEquals(r?.ErrorEquals, here, problems, i === retry.length - 1);
    if (r?.MaxAttempts !== undefined && !(Number.isInteger(r.MaxAttempts) && r.MaxAttempts >= 0 && r.MaxAttempts <= 99999999)) problems.push(schema('MaxAttempts must be an integer from 0 to 99999999', `${here}/MaxAttempts`));
    if (r?.IntervalSeconds !== undefined && !(Number.isInteger(r.IntervalSeconds) && r.IntervalSeconds >= 1 && r.IntervalSeconds <= 99999999)) problems.push(schema('IntervalSeconds must be an integer from 1 to 99999999', `${here}/IntervalSeconds`));
    if (r?.BackoffRate !== undefined && !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1)) problems.push(schema('BackoffRate must be a number greater than or equal to 1.0', `${here}/BackoffRate`));
    if (r?.MaxDelaySeconds !== undefined && !(Number.isInteger(r.MaxDelaySeconds) && r.MaxDelaySeconds >= 1 && r.MaxDelaySeconds < 31622401)) problems.push(schema('MaxDelaySeconds must be an integer from 1 to 31622400', `${here}/MaxDelaySeconds`));
    if (r?.JitterStrategy !== undefined && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE') problems.push(schema('JitterStrategy must be FULL or NONE', `${here}/JitterStrategy`));
  });
}

function checkCatch(catchers: unknown, at: string, problems: DefinitionProblem[], lang: 'JSONPath' | 'JSONata'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!Array.isArray(catchers)) {
    problems.push(schema('The value of the field \'Catch\' must be an ARRAY', `${at}/Catch`));
    return out;
  }
  catchers.forEach((c: any, i: number) => {
    const here = `${at}/Catch/${i}`;
    checkErrorEquals(c?.ErrorEquals, here, problems, i === catchers.length - 1);
    if (typeof c?.Next !== 'string') problems.push(schema('These fields are required: [Next]', here));
    else out.push([c.Next, `/Catch/${i}/Next`]);
    const allowed = lang === 'JSONata' ? ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'] : ['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment'];
    for (const k of Object.keys(c ?? {})) if (!allowed.includes(k)) problems.push(schema(`The field "${k}" is not supported in a ${lang} Catcher`, here));
    if (c?.ResultPath !== undefined && c.ResultPath !== null && !isReferencePath(c.ResultPath)) problems.push(schema('The value of the field \'ResultPath\' is not a valid Reference Path', `${here}/ResultPath`));
    if (c?.Assign !== undefined) checkAssign(c.Assign, `${here}/Assign`, problems);
  });
  return out;
}

/** ErrorEquals: a non-empty array of strings; States.ALL must be alone and in the last retrier or catcher. */
function checkErrorEquals(errors: unknown, at: string, problems: DefinitionProblem[], last: boolean): void {
  if (!Array.isArray(errors) || errors.length === 0 || errors.some(e => typeof e !== 'string')) {
    problems.push(schema('These fields are required: [ErrorEquals] (a non-empty array of strings)', at));
    return;
  }
  if (errors.includes('States.ALL') && (errors.length > 1 || !last)) {
    problems.push(schema('States.ALL must appear alone in its ErrorEquals, in the last retrier or catcher', `${at}/ErrorEquals`));
  }
}
