/**
 * Wire-protocol benchmark: the SQS workload of sqs.ts ("20,000 messages sent in batches of 10, received 10 at a time
 * and deleted") through the AWS SDK v3 SQSClient, the same client code against three endpoints:
 * (a) the simulator in-process (`sim.clientConfig()`: the SDK's request handler answers with no socket),
 * (b) the simulator over loopback HTTP (`sim.listen()`), (c) fauxqs 1.9.2 over loopback HTTP.
 * Signatures are verified (`iam: 'enforce'`, the default) and the trace is off, as in the other throughput figures.
 * Targets: (a) at least 10x (c); (b) at least 1.5x (c).
 *
 * A fourth line measures the SDK client alone, answered by a request handler that returns canned responses: the
 * client's own cost per call (middleware stack, serialization, signing, MD5 checks) is paid by every contender, so
 * (c) / (that line) is the highest ratio any endpoint could reach with the same client, and it is printed beside the
 * targets.
 *
 * Run alone: `npx tsx test/bench/wire.ts` (or through `npx tsx test/bench/run.ts`).
 */
import { createHash } from 'crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fauxqsOverHttp, SqsDriver } from './fauxqs-sqs';
import { benchQueue, runSqsWorkload, SQS_WORKLOAD_MESSAGES } from './sqs';
import { BenchResult, bestInterleaved, medianOf, startWatch, stopWatch } from './stopwatch';

/** Rounds per contender: HTTP runs take seconds each, so fewer than the in-process benchmarks. */
const WIRE_ROUNDS = 3;
const WIRE_WARM_UP = 1;

function sdkDriver(client: SQSClient, QueueUrl: string, close: () => Promise<void>): SqsDriver {
  return {
    async sendBatch(Entries) {
      return (await client.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).Successful?.length ?? 0;
    },
    async receive(max) {
      const r = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: max, WaitTimeSeconds: 0 }));
      return (r.Messages ?? []).map(m => ({ ReceiptHandle: m.ReceiptHandle as string }));
    },
    async deleteBatch(Entries) {
      return (await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }))).Successful?.length ?? 0;
    },
    async close() {
      client.destroy();
      await close();
    },
  };
}

async function simInProcess(): Promise<SqsDriver> {
  const { sim, handle } = benchQueue({ trace: false });
  return sdkDriver(new SQSClient({ ...sim.clientConfig(), maxAttempts: 1 }), handle.queueUrl, async () => {});
}

async function simOverHttp(): Promise<SqsDriver> {
  const { sim, handle } = benchQueue({ trace: false });
  const server = await sim.listen();
  return sdkDriver(new SQSClient({ ...server.clientConfig(), maxAttempts: 1 }), handle.queueUrl, () => server.close());
}

/** The SQS client answered by canned responses that satisfy the workload (and the client's MD5 checks): no endpoint at all. */
async function sdkAlone(): Promise<SqsDriver> {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  let sent = 0;
  let pending = 0;
  const answer = (body: object) => ({
    response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: new Uint8Array(Buffer.from(JSON.stringify(body))) },
  });
  const handler = {
    metadata: { handlerProtocol: 'canned' },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    async handle(request: { headers: Record<string, string>; body: Uint8Array }) {
      const action = request.headers['x-amz-target'].split('.')[1];
      const input = JSON.parse(Buffer.from(request.body as unknown as Uint8Array).toString('utf8'));
      if (action === 'SendMessageBatch') {
        pending += input.Entries.length;
        return answer({ Successful: input.Entries.map((e: { Id: string; MessageBody: string }) => ({ Id: e.Id, MessageId: `m${sent++}`, MD5OfMessageBody: md5(e.MessageBody) })) });
      }
      if (action === 'ReceiveMessage') {
        const n = Math.min(10, pending);
        pending -= n;
        return answer({ Messages: Array.from({ length: n }, (_, i) => ({ MessageId: `r${i}`, ReceiptHandle: `h${i}`, Body: 'b', MD5OfBody: md5('b') })) });
      }
      return answer({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })) });
    },
  };
  const client = new SQSClient({
    region: 'us-east-1',
    endpoint: 'https://canned.invalid',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: handler as never,
    maxAttempts: 1,
  });
  return sdkDriver(client, 'https://sqs.us-east-1.amazonaws.com/123456789012/bench', async () => {});
}

const batches: { Id: string; MessageBody: string }[][] = [];
function workload(): readonly { Id: string; MessageBody: string }[][] {
  if (batches.length === 0) {
    for (let i = 0; i < SQS_WORKLOAD_MESSAGES; i += 10) {
      batches.push(Array.from({ length: 10 }, (_, j) => ({ Id: `m${j}`, MessageBody: `{"order":${i + j},"status":"submitted"}` })));
    }
  }
  return batches;
}

async function timed(name: string, make: () => Promise<SqsDriver>): Promise<BenchResult> {
  const driver = await make();
  try {
    const input = workload();
    const watch = startWatch();
    const ops = await runSqsWorkload(driver, input);
    return stopWatch(name, ops, watch);
  } finally {
    await driver.close();
  }
}

export async function benchWire(options: { runs?: number; print?: boolean } = {}): Promise<BenchResult[]> {
  const results = await bestInterleaved(options.runs ?? WIRE_ROUNDS, [
    () => timed('sim: SDK v3 in-process (clientConfig)', simInProcess),
    () => timed('sim: SDK v3 over HTTP (listen)', simOverHttp),
    () => timed('fauxqs 1.9.2: SDK v3 over HTTP', () => fauxqsOverHttp('bench')),
    () => timed('SDK v3 alone (canned answers)', sdkAlone),
  ], WIRE_WARM_UP);
  if (options.print ?? true) printWireResults(results);
  return results;
}

export function printWireResults(results: readonly BenchResult[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`\nWire: the SQS workload (${SQS_WORKLOAD_MESSAGES.toLocaleString('en-US')} messages) through the SDK v3 SQSClient, signatures verified`);
  for (const r of results) {
    const cpu = r.cpuSeconds ? r.ops / r.cpuSeconds : NaN;
    console.log(`  ${r.name.padEnd(40)} ${fmt(r.opsPerSec).padStart(8)} msg/s  ${r.seconds.toFixed(3).padStart(7)} s  (per CPU second ${fmt(cpu)})  median=${fmt(medianOf(r))}`);
  }
  const fauxqs = results.find(r => r.name.startsWith('fauxqs'))!;
  const alone = results.find(r => r.name.startsWith('SDK v3 alone'));
  const targets: Record<string, number> = { 'sim: SDK v3 in-process (clientConfig)': 10, 'sim: SDK v3 over HTTP (listen)': 1.5 };
  for (const r of results.filter(x => x.name.startsWith('sim'))) {
    const best = r.opsPerSec / fauxqs.opsPerSec;
    const median = medianOf(r) / medianOf(fauxqs);
    const target = targets[r.name];
    console.log(`  ${r.name} / ${fauxqs.name}: ${best.toFixed(1)}x best/best, ${median.toFixed(1)}x median/median `
      + `(target ${target}x: ${Math.min(best, median) >= target ? 'met' : 'NOT met'})`);
  }
  if (alone) {
    console.log(`  ceiling with this client: ${alone.name} / ${fauxqs.name}: ${(alone.opsPerSec / fauxqs.opsPerSec).toFixed(1)}x best/best, `
      + `${(medianOf(alone) / medianOf(fauxqs)).toFixed(1)}x median/median (no endpoint can beat the client's own cost)`);
  }
}

if (require.main === module) {
  benchWire().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
