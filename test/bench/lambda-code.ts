/**
 * A function's own code from an asset (issue 14, "Performance"): the first (cold) invocation, which loads the handler
 * module from the asset directory and runs its init code, and the warm invocations after it, in milliseconds of wall
 * time. Two functions: the test fixture app (relative requires, its own node_modules, a JSON file) and an SQS sender
 * whose every invocation makes an SDK v3 SendMessage call answered in-process as its execution role. Cold starts are
 * measured on a fresh simulator and again after `reset()` (a new execution environment in a warm process).
 *
 * Run alone: `npx tsx test/bench/lambda-code.ts`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../src/sim';

const FIXTURE_APP = path.join(__dirname, '..', 'fixtures', 'lambda-code', 'app');
const WARM_INVOCATIONS = 200;
const RESETS = 20;

const SENDER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const client = new SQSClient({});
exports.handler = async (event) => {
  const out = await client.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
  return out.MessageId;
};
`;

function stack(senderDir: string): { stack: Stack; app: lambda.Function; sender: lambda.Function } {
  const s = new Stack(new App(), 'CodeBench');
  const queue = new sqs.Queue(s, 'Queue');
  const app = new lambda.Function(s, 'App', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'src/app.handler', code: lambda.Code.fromAsset(FIXTURE_APP) });
  const sender = new lambda.Function(s, 'Sender', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(senderDir), environment: { QUEUE_URL: queue.queueUrl },
  });
  queue.grantSendMessages(sender);
  return { stack: s, app, sender };
}

async function ms(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchLambdaCode(): Promise<void> {
  const senderDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-bench-sender-'));
  fs.writeFileSync(path.join(senderDir, 'index.js'), SENDER);
  try {
    const built = stack(senderDir);
    const sim = Simulator.fromStack(built.stack, { trace: false });
    console.log('\nFunction code from an asset (wall ms per invocation, through sim.lambda(fn).invoke):');
    for (const [name, fn, event] of [['fixture app', built.app, { name: 'x' }], ['SQS sender (SDK v3 in-process)', built.sender, { order: 1 }]] as const) {
      const handle = sim.lambda(fn);
      const cold = await ms(() => handle.invokeJson(event));
      const warm: number[] = [];
      for (let i = 0; i < WARM_INVOCATIONS; i++) warm.push(await ms(() => handle.invokeJson(event)));
      const resetCold: number[] = [];
      for (let i = 0; i < RESETS; i++) {
        handle.reset();
        resetCold.push(await ms(() => handle.invokeJson(event)));
      }
      const warmTotal = warm.reduce((a, b) => a + b, 0);
      console.log(`  ${name}: cold (first) ${cold.toFixed(2)} ms; cold after reset() median ${median(resetCold).toFixed(2)} ms; `
        + `warm median ${median(warm).toFixed(3)} ms, mean ${(warmTotal / warm.length).toFixed(3)} ms over ${WARM_INVOCATIONS}`);
    }
  } finally {
    fs.rmSync(senderDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchLambdaCode().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
