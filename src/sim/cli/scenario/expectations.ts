/**
 * What a scenario can expect, one entry per subject: the subject key names the resource (or the trace), the other
 * keys say what must hold. Each check reads the simulator the way a test would (handles, the trace).
 */
import { StepArgs } from './args';
import type { Simulator } from '../../simulator';
import { UsageError } from '../io';

interface Check {
  readonly usage: string;
  check(sim: Simulator, a: StepArgs, step: string): Promise<{ ok: boolean; text: string }>;
}

const EXPECTATIONS: Readonly<Record<string, Check>> = {
  queue: {
    usage: '{ queue, messages: N } (stored: visible + in flight + delayed)',
    async check(sim, a, step) {
      const attrs = (await sim.queue(a.name('queue')).getQueueAttributes({ AttributeNames: ['All'] })).Attributes ?? {};
      const stored = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']
        .reduce((sum, k) => sum + Number(attrs[k] ?? 0), 0);
      const want = required(a.number('messages'), step, 'messages');
      return { ok: stored === want, text: `queue ${a.name('queue')} holds ${plural(stored, 'message')}${stored === want ? '' : ` (expected ${want})`}` };
    },
  },
  alarm: {
    usage: '{ alarm, state: OK | ALARM | INSUFFICIENT_DATA }',
    async check(sim, a) {
      const state = sim.alarm(a.name('alarm')).state;
      const want = a.text('state');
      return { ok: state === want, text: `alarm ${a.name('alarm')} is ${state}${state === want ? '' : ` (expected ${want})`}` };
    },
  },
  function: {
    usage: '{ function, invocations?: N, errors?: N }',
    async check(sim, a, step) {
      const records = sim.lambda(a.name('function')).invocations;
      const got = { invocations: records.length, errors: records.filter(r => r.error !== undefined).length };
      const wanted = (['invocations', 'errors'] as const).filter(k => a.has(k));
      if (wanted.length === 0) throw new UsageError(`${step}: say what to expect of the function (invocations, errors)`);
      const misses = wanted.filter(k => got[k] !== a.number(k));
      const text = `function ${a.name('function')}: ${wanted.map(k => `${got[k]} ${k}`).join(', ')}${misses.length ? ` (expected ${misses.map(k => `${a.number(k)} ${k}`).join(', ')})` : ''}`;
      return { ok: misses.length === 0, text };
    },
  },
  bucket: {
    usage: '{ bucket, key, exists?: true | false }',
    async check(sim, a) {
      const keys = ((await sim.bucket(a.name('bucket')).listObjectsV2({ Prefix: a.name('key') })).Contents ?? []).map(o => o.Key);
      const exists = keys.includes(a.name('key'));
      const want = a.raw('exists') !== false;
      return { ok: exists === want, text: `s3://${a.name('bucket')}/${a.name('key')} ${exists ? 'exists' : 'does not exist'}${exists === want ? '' : ' (expected otherwise)'}` };
    },
  },
  trace: {
    usage: '{ trace: { type?, resource?, service? }, count?: N } (default: at least one)',
    async check(sim, a, step) {
      const q = a.raw('trace');
      if (!q || typeof q !== 'object') throw new UsageError(`${step}: 'trace' must be a query such as { type: denied }`);
      const query = q as { type?: string; resource?: string; service?: string };
      const n = sim.trace.count(query as never);
      const want = a.number('count');
      const ok = want === undefined ? n > 0 : n === want;
      return { ok, text: `trace has ${plural(n, 'event')} matching ${JSON.stringify(query)}${ok ? '' : ` (expected ${want ?? 'at least 1'})`}` };
    },
  },
  stateMachine: {
    usage: '{ stateMachine, status: SUCCEEDED | FAILED | ... } (its last execution, from the trace)',
    async check(sim, a) {
      const ids = new Set(sim.trace.filter({ resource: a.name('stateMachine') }).map(e => e.resource));
      const ended = sim.trace.filter(e => ids.has(e.resource) && (e.type as string) === 'execution-ended');
      const last = ended[ended.length - 1]?.detail as { status?: string } | undefined;
      const status = last?.status ?? 'no finished execution';
      const want = a.text('status');
      return { ok: status === want, text: `state machine ${a.name('stateMachine')}: last execution ${status}${status === want ? '' : ` (expected ${want})`}` };
    },
  },
};

export const EXPECTATION_SUBJECTS: readonly string[] = Object.keys(EXPECTATIONS);

export function expectationUsage(): string[] {
  return Object.values(EXPECTATIONS).map(e => `expect: ${e.usage}`);
}

export async function checkExpectation(sim: Simulator, raw: unknown, step: string): Promise<{ ok: boolean; text: string }> {
  const a = StepArgs.of(step, raw);
  const subject = EXPECTATION_SUBJECTS.find(s => a.has(s));
  if (!subject) throw new UsageError(`${step}: names nothing to expect (one of: ${EXPECTATION_SUBJECTS.join(', ')})`);
  return EXPECTATIONS[subject].check(sim, a, step);
}

function required(v: number | undefined, step: string, name: string): number {
  if (v === undefined) throw new UsageError(`${step}: '${name}' is required`);
  return v;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
