/**
 * IAM and KMS enforcement cost (issue #14): SendMessage through `sim.as(role)` (the role's identity-based policy, the
 * queue policy and the SSE-KMS key policy evaluated on every call, decisions cached per caller) against the same
 * calls with `iam: 'off'` (no evaluation), in one run; the printed ratio is what enforcement costs.
 * Run alone: `npx tsx test/bench/iam.ts` (or through `npx tsx test/bench/run.ts`).
 */
import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BenchResult, bestInterleaved, medianOf, startWatch, stopWatch as result } from './stopwatch';
import { Simulator } from '../../src/sim';

const SENDS = 20_000;

function app(): { stack: Stack; queue: sqs.Queue; fn: lambda.Function } {
  const stack = new Stack();
  const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'Key') });
  const fn = new lambda.Function(stack, 'Producer', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  queue.grantSendMessages(fn);
  return { stack, queue, fn };
}

function sendRun(name: string, iam: 'enforce' | 'off'): () => Promise<BenchResult> {
  const a = app();
  return async () => {
    // A fresh simulator per run, so the queue does not grow across runs; loading is outside the timed part.
    const sim = Simulator.fromStack(a.stack, { trace: false, iam });
    const queue = sim.as(a.fn.role!).queue(a.queue);
    const watch = startWatch();
    for (let i = 0; i < SENDS; i++) await queue.sendMessage({ MessageBody: 'order' });
    return result(name, SENDS, watch);
  };
}

export async function benchIam(): Promise<BenchResult[]> {
  console.log('\nIAM and KMS enforcement (issue #14)');
  const [enforced, off] = await bestInterleaved(7, [
    sendRun('SendMessage as a role to an SSE-KMS queue, iam: enforce', 'enforce'),
    sendRun('the same with iam: off', 'off'),
  ], 2);
  for (const r of [enforced, off]) console.log(`  ${r.name}: ${Math.round(r.opsPerSec).toLocaleString('en-US')} msg/s (best; median ${Math.round(medianOf(r)).toLocaleString('en-US')})`);
  console.log(`  cost of enforcement, off / enforce: ${(off.opsPerSec / enforced.opsPerSec).toFixed(2)} best, ${(medianOf(off) / medianOf(enforced)).toFixed(2)} median`);
  return [enforced, off];
}

if (require.main === module) {
  benchIam().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
