/**
 * `npm run bench`: the simulator against fauxqs 1.9.2 (in-process and over HTTP) on the workloads.
 * Each service's benchmark module exports a `benchXxx()` that runs and prints its part; add yours below.
 */
import { benchApiGateway } from './apigateway';
import { benchDynamoDb } from './dynamodb';
import { benchIam } from './iam';
import { benchLambdaCode } from './lambda-code';
import { benchLoad } from './load';
import { benchPipelines } from './pipelines';
import { benchSns } from './sns';
import { benchSqs, measureQueuedMemory } from './sqs';
import { benchStepFunctions } from './stepfunctions';
import { benchWire } from './wire';

async function main(): Promise<void> {
  await benchLoad();
  await benchSqs({ memory: false });
  await benchSns();
  await benchPipelines();
  await benchDynamoDb();
  await benchWire();
  await benchLambdaCode();
  await benchApiGateway();
  await benchStepFunctions();
  await benchIam();
  // Last: the million queued messages leave a large old generation behind, which would tax later measurements.
  const memory = await measureQueuedMemory();
  const notes = Object.entries(memory.notes ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(`\nMemory: ${memory.name}: ${Math.round(memory.opsPerSec).toLocaleString('en-US')} msg/s  ${notes}`);
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
