/**
 * Parallel: runs every branch on the state's input (Parameters / Arguments applied), concurrently; the result is the
 * array of the branches' outputs, in branch order. A failing branch stops the others and fails the state with its
 * error (Retry and Catch of the Parallel state apply). Branches read the variables around them but assign their own.
 */
import { StateOutcome } from './types';
import { firstFailure, neverWaits, runChildren } from '../execution/children';
import type { Block } from '../execution/env';
import { runBlock } from '../execution/run-block';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { applyArguments, applyParameters } from '../processing/parameters';
import { finishWithResult } from '../processing/result-flow';

export async function runParallel(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const env = run.env;
  const input = run.language === 'JSONata' ? await applyArguments(run) : applyParameters(run, applyInputPath(run, run.rawInput));
  const branches = s.Branches as Block[];
  env.event('ParallelStateStarted');
  const outcomes = await runChildren(env, {
    count: branches.length,
    limit: 0,
    inline: branches.every(neverWaits),
    failFast: true,
    label: `stepfunctions ${env.execution.name} ${run.name}`,
    makeEnv: (parent, fiber) => parent.child(fiber),
    run: (child, i) => runBlock(branches[i], input, child, run.language),
  });
  const failure = firstFailure(outcomes);
  if (failure) {
    env.event('ParallelStateFailed', 'parallelStateFailedEventDetails', { error: failure.error, cause: failure.cause });
    throw failure;
  }
  env.event('ParallelStateSucceeded');
  return { output: await finishWithResult(run, outcomes.map(o => o.output!)), next: s.Next };
}
