/**
 * `npm run bench`: the simulator against fauxqs 1.9.2 (in-process and over HTTP) on the workloads.
 * Each service's benchmark module exports a `benchXxx()` that runs and prints its part; add yours below.
 */
import { benchSns } from './sns';
import { benchSqs } from './sqs';

async function main(): Promise<void> {
  await benchSqs();
  await benchSns();
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
