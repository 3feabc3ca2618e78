/**
 * A Distributed Map ("Using Map state in Distributed mode"): a Map Run whose iterations are child workflow
 * executions, each with its own history (the parent records MapRunStarted / MapRunSucceeded / MapRunFailed), items
 * from the input or an ItemReader, optionally batched, at most MaxConcurrency at once (default 10,000). Failed
 * children are tolerated up to ToleratedFailureCount(Path) / ToleratedFailurePercentage(Path) (default 0: any failure
 * fails the run with States.ExceedToleratedFailureThreshold). Results go to the state, or to S3 with ResultWriter.
 */
import { batchItems } from './item-batcher';
import { readFromItemReader } from './item-reader';
import { readItems } from './items';
import { ChildResult, writeResults } from './result-writer';
import { runtimeError, StatesError, STATES_ERRORS } from '../errors';
import { AbortScope } from '../execution/abort';
import { neverWaits, runChildren } from '../execution/children';
import { RunEnv } from '../execution/env';
import { History } from '../execution/history';
import { runBlock } from '../execution/run-block';
import type { StateRun } from '../execution/state-run';
import { VariableScope } from '../execution/variables';
import type { Json } from '../paths/jsonpath';
import { dynamicValue } from '../processing/payload-template';
import { iterationInput, maxConcurrency, processorOf } from '../states/map';

/** The documented default concurrency of a Map Run. */
const DEFAULT_MAP_RUN_CONCURRENCY = 10_000;

export async function runDistributedMap(run: StateRun, effective: Json): Promise<Json> {
  const s = run.state;
  const env = run.env;
  const machine = run.machine;
  const ids = machine.ctx.ids;
  let items = s.ItemReader ? await readFromItemReader(run, effective) : await readItems(run, effective);
  if (s.ItemBatcher) items = await batchItems(run, items, effective);
  const label = s.Label ?? run.name;
  const runId = ids.uuid();
  const mapRunArn = `arn:${machine.ctx.env.partition}:states:${machine.ctx.env.region}:${machine.ctx.env.account}:mapRun:${machine.name}/${label}:${runId}`;
  const processor = processorOf(s);
  const childType = processor.ProcessorConfig?.ExecutionType ?? 'STANDARD';
  const limit = (await maxConcurrency(run, effective)) || DEFAULT_MAP_RUN_CONCURRENCY;
  env.event('MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
  env.event('MapRunStarted', 'mapRunStartedEventDetails', { mapRunArn });
  machine.ctx.trace.record('stepfunctions', machine.logicalId, 'map-run-started', { executionArn: env.execution.arn, mapRunArn, items: items.length });
  const results: ChildResult[] = new Array(items.length);
  const outcomes = await runChildren(env, {
    count: items.length,
    limit,
    inline: neverWaits(processor),
    failFast: false,
    label: `stepfunctions ${env.execution.name} ${run.name} map run`,
    makeEnv: (parent, fiber, index) => {
      const name = ids.uuid();
      const arn = `arn:${machine.ctx.env.partition}:states:${machine.ctx.env.region}:${machine.ctx.env.account}:${childType === 'EXPRESS' ? 'express' : 'execution'}:${machine.name}/${label}:${name}`;
      const history = new History(() => machine.ctx.clock.now());
      const execution = { ...parent.execution, arn, name, startTime: new Date(parent.now()).toISOString(), redriveCount: 0, redriveTime: undefined };
      const abort = new AbortScope(parent.abort);
      // A child workflow execution starts with no variables: it cannot read the parent's (pass them in ItemSelector).
      return new RunEnv(machine, execution, fiber, history, new VariableScope(), abort, 0, { Index: index, Value: items[index] });
    },
    run: async (child, index) => {
      const startDate = new Date(child.now()).toISOString();
      let input: Json = items[index];
      try {
        input = await iterationInput(run, child, effective, items[index]);
        child.execution.input = input;
        child.event('ExecutionStarted', 'executionStartedEventDetails', { input, inputDetails: { truncated: false }, roleArn: machine.roleArn });
        const output = await runBlock(processor, input, child, run.language);
        child.event('ExecutionSucceeded', 'executionSucceededEventDetails', { output, outputDetails: { truncated: false } });
        results[index] = { executionArn: child.execution.arn, name: child.execution.name, input, startDate, stopDate: new Date(child.now()).toISOString(), status: 'SUCCEEDED', output };
        return output;
      } catch (e) {
        const error = e instanceof StatesError ? e : runtimeError(String(e));
        child.event('ExecutionFailed', 'executionFailedEventDetails', { error: error.error, cause: error.cause });
        results[index] = {
          executionArn: child.execution.arn,
          name: child.execution.name,
          input,
          startDate,
          stopDate: new Date(child.now()).toISOString(),
          status: 'FAILED',
          error: error.error,
          cause: error.cause,
        };
        throw error;
      }
    },
  });
  const failed = outcomes.filter(o => !o.ok).length;
  const toleratedCount = await tolerance(run, effective, 'ToleratedFailureCount') ?? 0;
  const toleratedPercentage = await tolerance(run, effective, 'ToleratedFailurePercentage') ?? 0;
  const exceeded = failed > 0 && failed > toleratedCount && (items.length === 0 || (failed / items.length) * 100 > toleratedPercentage);
  machine.ctx.trace.record('stepfunctions', machine.logicalId, 'map-run-ended', {
    executionArn: env.execution.arn, mapRunArn, succeeded: items.length - failed, failed, status: exceeded ? 'FAILED' : 'SUCCEEDED',
  });
  if (exceeded) {
    const error = new StatesError(STATES_ERRORS.ExceedToleratedFailureThreshold,
      `The specified tolerated failure threshold was exceeded: ${failed} of ${items.length} child workflow executions failed`);
    env.event('MapRunFailed', 'mapRunFailedEventDetails', { error: error.error, cause: error.cause });
    env.event('MapStateFailed');
    throw error;
  }
  env.event('MapRunSucceeded');
  env.event('MapStateSucceeded');
  if (s.ResultWriter) return writeResults(run, effective, mapRunArn, results);
  return outcomes.map(o => (o.ok ? o.output! : { Error: o.error?.error ?? '', Cause: o.error?.cause ?? '' }));
}

async function tolerance(run: StateRun, effective: Json, field: 'ToleratedFailureCount' | 'ToleratedFailurePercentage'): Promise<number | undefined> {
  const s = run.state;
  let v: Json | undefined = s[field];
  if (s[`${field}Path`] !== undefined) v = dynamicValue(`${field}Path`, s[`${field}Path`], run.pathData(effective), run.machine.intrinsics);
  if (run.language === 'JSONata' && typeof v === 'string') v = await run.machine.jsonata.template(v, run.jsonataScope(), field);
  if (v === undefined) return undefined;
  const max = field === 'ToleratedFailurePercentage' ? 100 : Number.MAX_SAFE_INTEGER;
  if (typeof v !== 'number' || v < 0 || v > max) throw runtimeError(`${field} must be a number from 0 to ${max}, got ${JSON.stringify(v)}`);
  return v;
}
