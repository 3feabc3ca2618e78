/**
 * Choice: the first Choice Rule that matches picks the next state (JSONPath rules, or a JSONata `Condition`); else
 * `Default`; with neither, the state fails with States.NoChoiceMatched. A matching rule's own Assign and Output (the
 * state's for the Default) apply.
 */
import { evaluateRule } from './choice-rules';
import { StateOutcome } from './types';
import { StatesError, STATES_ERRORS } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { applyInputPath } from '../processing/input-path';
import { andThen, finishWithoutResult } from '../processing/result-flow';

export function runChoice(run: StateRun): StateOutcome | Promise<StateOutcome> {
  if (run.language === 'JSONata') return runJsonataChoice(run);
  const effective = applyInputPath(run, run.rawInput);
  const data = run.pathData(effective);
  const rule = (run.state.Choices as Array<Record<string, any>>).find(r => evaluateRule(r, data));
  return conclude(run, effective, rule);
}

async function runJsonataChoice(run: StateRun): Promise<StateOutcome> {
  for (const rule of run.state.Choices as Array<Record<string, any>>) {
    const value = await run.machine.jsonata.evaluate(rule.Condition, run.jsonataScope(), 'Condition');
    if (typeof value !== 'boolean') {
      throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The Condition of a Choice Rule must evaluate to a boolean, got ${JSON.stringify(value)}`);
    }
    if (value) return conclude(run, run.rawInput, rule);
  }
  return conclude(run, run.rawInput, undefined);
}

function conclude(run: StateRun, effective: Json, rule: Record<string, any> | undefined): StateOutcome | Promise<StateOutcome> {
  if (rule) return andThen(finishWithoutResult(run, effective, rule.Assign, rule.Output), output => ({ output, next: rule.Next as string }));
  const s = run.state;
  if (s.Default !== undefined) return andThen(finishWithoutResult(run, effective), output => ({ output, next: s.Default as string }));
  throw new StatesError(STATES_ERRORS.NoChoiceMatched, `No Matches! in state '${run.name}'`);
}
