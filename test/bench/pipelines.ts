/**
 * Data-pipeline benchmarks (issue #13, "Performance"): an AWS Batch array job of 10,000 children on a Fargate compute
 * environment of 256 vCPUs (40 waves of 1-vCPU, 1-minute attempts), from SubmitJob to the parent SUCCEEDED, in real
 * time. No local tool runs Batch in-process (LocalStack's Batch is paid and runs containers), so the figure is
 * absolute: the target is well under one second. Trace off, as for the other throughput figures; also shown with
 * the trace on.
 *
 * Run alone: `npx tsx test/bench/pipelines.ts` (or through `npx tsx test/bench/run.ts`).
 */
import { Simulator } from '../../src/sim';
import { batchTemplate } from '../sim/batch/helpers';

export const ARRAY_CHILDREN = 10_000;

async function arrayJobOnce(trace: boolean): Promise<{ ms: number; virtualMinutes: number; succeeded: number }> {
  const sim = Simulator.fromTemplate(batchTemplate({ environments: { Main: { maxvCpus: 256 } } }), { trace });
  sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 60_000 });
  const queue = sim.jobQueue('QMain');
  const t0 = sim.now();
  const started = process.hrtime.bigint();
  const { jobId } = await queue.submitJob({ jobName: 'sweep', jobDefinition: 'def-main', arrayProperties: { size: ARRAY_CHILDREN } });
  await sim.runUntilIdle();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const parent = (await queue.describeJobs({ jobs: [jobId] })).jobs[0];
  if (parent.status !== 'SUCCEEDED') throw new Error(`the array job ended ${parent.status}`);
  return { ms, virtualMinutes: (sim.now() - t0) / 60_000, succeeded: parent.arrayProperties.statusSummary.SUCCEEDED };
}

export async function benchPipelines(): Promise<void> {
  console.log('\nAWS Batch: array job of 10,000 children, 256 vCPUs, 1-minute attempts (SubmitJob -> parent SUCCEEDED)');
  await arrayJobOnce(false); // warm-up
  const runs: number[] = [];
  let last = { ms: 0, virtualMinutes: 0, succeeded: 0 };
  for (let i = 0; i < 3; i++) {
    last = await arrayJobOnce(false);
    runs.push(last.ms);
  }
  runs.sort((a, b) => a - b);
  const traced = await arrayJobOnce(true);
  console.log(`  ${last.succeeded.toLocaleString('en-US')} children SUCCEEDED over ${last.virtualMinutes} virtual minutes: `
    + `median ${runs[1].toFixed(0)} ms real time (best ${runs[0].toFixed(0)} ms), trace on ${traced.ms.toFixed(0)} ms; target < 1,000 ms`);
}

if (require.main === module) {
  benchPipelines().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
