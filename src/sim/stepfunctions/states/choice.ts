/**
 * Choice: the first Choice Rule that matches picks the next state (JSONPath rules, or a JSONata `Condition`); else
 * `Default`; with neither, the state fails with States.NoChoiceMatched. A matching rule's own Assign and Output (the
 * state's for the Default) apply.
 */
import { evaluateRule } from './choice-rules';
import { StateOutcome } from './types';
import { StatesError, STATES_ERRORS } from '../errors';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { finishWithoutResult } from '../processing/result-flow';

export async function runChoice(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const effective = run.language === 'JSONata' ? run.rawInput : applyInputPath(run, run.rawInput);
  for (const rule of s.Choices as Array<Record<string, any>>) {
    let matched: boolean;
    if (run.language === 'JSONata') {
      const value = await run.machine.jsonata.evaluate(rule.Condition, run.jsonataScope(), 'Condition');
      if (typeof value !== 'boolean') {
        throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The Condition of a Choice Rule must evaluate to a boolean, got ${JSON.stringify(value)}`);
      }
      matched = value;
    } else {
      matched = evaluateRule(rule, run.pathData(effective));
    }
    if (matched) return { output: await finishWithoutResult(run, effective, rule.Assign, rule.Output), next: rule.Next };
  }
  if (s.Default !== undefined) return { output: await finishWithoutResult(run, effective), next: s.Default };
  throw new StatesError(STATES_ERRORS.NoChoiceMatched, `No Matches! in state '${run.name}'`);
}
