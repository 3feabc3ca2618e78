/**
 * The scenario steps, one entry each: what a step's arguments are and the handle call (or simulator call) it makes.
 * A step for a new service is one entry here. Steps that need a service this build does not simulate say so.
 */
import { durationMs, messageAttributes, StepArgs } from './args';
import { checkExpectation, EXPECTATION_SUBJECTS } from './expectations';
import type { Simulator } from '../../simulator';
import { UsageError } from '../io';

export interface StepContext {
  readonly sim: Simulator;
  /** Runs until idle (in slices, with the progress line), within `maxTime` ms. */
  runUntilIdle(maxTime?: number): Promise<void>;
}

export interface StepResult {
  /** What the step did, in a few words. */
  readonly text: string;
  /** For `expect`: whether it held. */
  readonly ok?: boolean;
}

export interface StepDefinition {
  /** One line for the help text. */
  readonly usage: string;
  run(args: unknown, c: StepContext, step: string): Promise<StepResult>;
}

export const STEPS: Readonly<Record<string, StepDefinition>> = {
  'publish': {
    usage: 'publish: { topic, message, attributes?, subject?, groupId?, deduplicationId? }',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const out = await c.sim.topic(a.name('topic')).publish({
        Message: a.text('message'),
        MessageAttributes: messageAttributes(step, a.raw('attributes')),
        Subject: a.optionalText('subject'),
        MessageGroupId: a.optionalText('groupId'),
        MessageDeduplicationId: a.optionalText('deduplicationId'),
      });
      return { text: `published to ${a.name('topic')} (MessageId ${out.MessageId})` };
    },
  },
  'send': {
    usage: 'send: { queue, body, attributes?, delaySeconds?, groupId?, deduplicationId? }',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const out = await c.sim.queue(a.name('queue')).sendMessage({
        MessageBody: a.text('body'),
        MessageAttributes: messageAttributes(step, a.raw('attributes')),
        DelaySeconds: a.number('delaySeconds'),
        MessageGroupId: a.optionalText('groupId'),
        MessageDeduplicationId: a.optionalText('deduplicationId'),
      });
      return { text: `sent to ${a.name('queue')} (MessageId ${out.MessageId})` };
    },
  },
  'put object': {
    usage: 'put object: { bucket, key, body? }',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      await c.sim.bucket(a.name('bucket')).putObject({ Key: a.name('key'), Body: a.text('body', '') });
      return { text: `put s3://${a.name('bucket')}/${a.name('key')}` };
    },
  },
  'invoke': {
    usage: 'invoke: { function, payload?, async? }',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const out = await c.sim.lambda(a.name('function')).invoke({ Payload: a.text('payload', '{}'), InvocationType: a.raw('async') === true ? 'Event' : 'RequestResponse' });
      return { text: `invoked ${a.name('function')}: status ${out.StatusCode}${out.FunctionError ? ` (${out.FunctionError})` : ''}` };
    },
  },
  'handler': {
    usage: 'handler: { function, returns? | throws? } (stands in for the function\'s code)',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const throws = a.optionalText('throws');
      const returns = a.raw('returns');
      c.sim.lambda(a.name('function')).handle(async () => {
        if (throws !== undefined) throw new Error(throws);
        return returns;
      });
      return { text: `${a.name('function')} ${throws !== undefined ? `throws "${throws}"` : `returns ${JSON.stringify(returns ?? null)}`}` };
    },
  },
  'request': {
    usage: 'request: { api, method, path, headers?, query?, body? } (API Gateway)',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const api = handle<{ request(input: object): Promise<{ status?: number; statusCode?: number }> }>(c.sim, 'api', a.name('api'), step, 'API Gateway');
      const method = a.text('method', 'GET').toUpperCase();
      const out = await api.request({ method, path: a.text('path', '/'), headers: a.raw('headers'), query: a.raw('query'), body: a.optionalText('body') });
      return { text: `${method} ${a.text('path', '/')} -> ${out.status ?? out.statusCode}` };
    },
  },
  'start execution': {
    usage: 'start execution: { stateMachine, input?, name? } (Step Functions)',
    async run(raw, c, step) {
      const a = StepArgs.of(step, raw);
      const machine = handle<{ startExecution(input: object): Promise<{ executionArn: string }> }>(c.sim, 'stateMachine', a.name('stateMachine'), step, 'Step Functions');
      const out = await machine.startExecution({ input: a.text('input', '{}'), name: a.optionalText('name') });
      return { text: `started ${out.executionArn}` };
    },
  },
  'advance': {
    usage: 'advance: 30s | 5m | 2h | <milliseconds>',
    async run(raw, c, step) {
      const ms = durationMs(step, raw);
      await c.sim.advance(ms);
      return { text: `advanced ${String(raw)}` };
    },
  },
  'run': {
    usage: 'run: until-idle | { until-idle: { maxTime: 1h } }',
    async run(raw, c, step) {
      const maxTime = raw === 'until-idle' || raw === 'until idle' ? undefined
        : raw && typeof raw === 'object' && 'until-idle' in raw ? durationOrUndefined(step, (raw as Record<string, any>)['until-idle']?.maxTime)
          : badRun(step);
      await c.runUntilIdle(maxTime);
      return { text: 'ran until idle' };
    },
  },
  'expect': {
    usage: `expect: { ${EXPECTATION_SUBJECTS.join(' | ')}, ... } (see below)`,
    async run(raw, c, step) {
      return checkExpectation(c.sim, raw, step);
    },
  },
};

/** Step names as scenario files spell them (`put object`, and the short `put` and `start`). */
export const STEP_ALIASES: Readonly<Record<string, string>> = { put: 'put object', start: 'start execution' };

export const STEP_NAMES: readonly string[] = [...Object.keys(STEPS), ...Object.keys(STEP_ALIASES)];

/** A handle of a service that may not be in this build (its simulator accessor is missing). */
function handle<T>(sim: Simulator, accessor: string, ref: string, step: string, service: string): T {
  const fn = (sim as unknown as Record<string, unknown>)[accessor];
  if (typeof fn !== 'function') throw new UsageError(`${step}: needs the ${service} simulator (sim.${accessor}), which this build does not have`);
  return fn.call(sim, ref) as T;
}

function durationOrUndefined(step: string, v: unknown): number | undefined {
  return v === undefined ? undefined : durationMs(step, v);
}

function badRun(step: string): never {
  throw new UsageError(`${step}: expected 'until-idle' or { until-idle: { maxTime } }`);
}
