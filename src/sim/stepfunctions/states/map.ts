/**
 * Map: runs its ItemProcessor (or the legacy Iterator) for every item of an array (ItemsPath / Items), each
 * iteration's input shaped by ItemSelector (or the legacy Parameters), at most MaxConcurrency(Path) at once on the
 * virtual clock; the result is the iterations' outputs in item order. INLINE iterations record their events in the
 * execution's history (MapIterationStarted ...); a DISTRIBUTED Map (map/distributed.ts) runs a Map Run of child
 * workflow executions, reading items from S3 (ItemReader), batching them (ItemBatcher), tolerating failures and
 * writing results to S3 (ResultWriter).
 */
import { StateOutcome } from './types';
import { runtimeError } from '../errors';
import { firstFailure, neverWaits, runChildren } from '../execution/children';
import type { Block, RunEnv } from '../execution/env';
import { runBlock } from '../execution/run-block';
import type { StateRun } from '../execution/state-run';
import { runDistributedMap } from '../map/distributed';
import { readItems } from '../map/items';
import type { Json } from '../paths/jsonpath';
import { applyInputPath } from '../processing/input-path';
import { applyTemplate, dynamicValue } from '../processing/payload-template';
import { andThen, finishWithResult } from '../processing/result-flow';

export function processorOf(s: Record<string, any>): Block {
  return (s.ItemProcessor ?? s.Iterator) as Block;
}

export function isDistributed(s: Record<string, any>): boolean {
  return s.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

export async function runMap(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const effective = run.language === 'JSONata' ? run.rawInput : applyInputPath(run, run.rawInput);
  if (isDistributed(s)) {
    const result = await runDistributedMap(run, effective);
    return { output: await finishWithResult(run, result), next: s.Next };
  }
  const items = await readItems(run, effective);
  const result = await runInlineIterations(run, effective, items, await maxConcurrency(run, effective));
  return { output: await finishWithResult(run, result), next: s.Next };
}

async function runInlineIterations(run: StateRun, effective: Json, items: Json[], limit: number): Promise<Json[]> {
  const env = run.env;
  const processor = processorOf(run.state);
  env.event('MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
  const outcomes = await runChildren(env, {
    count: items.length,
    limit,
    inline: neverWaits(processor),
    failFast: true,
    label: `stepfunctions ${env.execution.name} ${run.name}`,
    makeEnv: (parent, fiber, index) => parent.child(fiber, { Index: index, Value: items[index] }),
    run: (child, index) => {
      child.event('MapIterationStarted', 'mapIterationStartedEventDetails', { name: run.name, index });
      const ended = (e: unknown): never => {
        const aborted = child.abort.aborted !== undefined;
        child.event(aborted ? 'MapIterationAborted' : 'MapIterationFailed', aborted ? 'mapIterationAbortedEventDetails' : 'mapIterationFailedEventDetails', { name: run.name, index });
        throw e;
      };
      const succeeded = (output: Json): Json => {
        child.event('MapIterationSucceeded', 'mapIterationSucceededEventDetails', { name: run.name, index });
        return output;
      };
      // Synchronous while the iteration's states are (see run-block.ts).
      try {
        const output = andThen(iterationInput(run, child, effective, items[index]), input => runBlock(processor, input, child, run.language));
        return output instanceof Promise ? output.then(succeeded, ended) : succeeded(output);
      } catch (e) {
        return ended(e);
      }
    },
  });
  const failure = firstFailure(outcomes);
  if (failure) {
    env.event('MapStateFailed');
    throw failure;
  }
  env.event('MapStateSucceeded');
  return outcomes.map(o => o.output!);
}

/**
 * An iteration's input: the item, or ItemSelector (legacy Parameters) evaluated with the state's effective input as
 * `$` and the item in `$$.Map.Item` (JSONata: `$states.context.Map.Item`).
 */
export function iterationInput(run: StateRun, child: RunEnv, effective: Json, item: Json): Json | Promise<Json> {
  const s = run.state;
  const selector = s.ItemSelector ?? s.Parameters;
  if (selector === undefined) return item;
  // The Map state evaluates the selector (its variables and execution), with the item in the Context object.
  const itemRun = run.inThread(run.env.withItem(child.mapItem!));
  if (run.language === 'JSONata') {
    return run.machine.jsonata.requiredTemplate(selector, itemRun.jsonataScope({ input: effective }), 'ItemSelector');
  }
  return applyTemplate(selector, itemRun.pathData(effective), run.machine.intrinsics);
}

/** MaxConcurrency (or MaxConcurrencyPath, or a JSONata expression): 0, the default, means no limit. */
export async function maxConcurrency(run: StateRun, effective: Json): Promise<number> {
  const s = run.state;
  let value: Json | undefined = s.MaxConcurrency;
  if (run.language === 'JSONata' && typeof value === 'string') value = await run.machine.jsonata.template(value, run.jsonataScope(), 'MaxConcurrency');
  if (s.MaxConcurrencyPath !== undefined) value = dynamicValue('MaxConcurrencyPath', s.MaxConcurrencyPath, run.pathData(effective), run.machine.intrinsics);
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw runtimeError(`The value of the field 'MaxConcurrency${s.MaxConcurrencyPath ? 'Path' : ''}' must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

