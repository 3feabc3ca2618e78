import * as fc from 'fast-check';
import { batchSim } from './helpers';
import { Simulator } from '../../../src/sim';

/** The most vCPUs running at once per compute environment, from the trace's attempt events. */
function peakVcpus(sim: Simulator): Record<string, number> {
  const running: Record<string, number> = {};
  const peak: Record<string, number> = {};
  const where = new Map<string, string>();
  for (const e of sim.trace) {
    if (e.type === 'job-attempt-started') {
      const d = e.detail as { jobId: string; computeEnvironment: string; vcpus: number };
      where.set(d.jobId, d.computeEnvironment);
      running[d.computeEnvironment] = (running[d.computeEnvironment] ?? 0) + d.vcpus;
      peak[d.computeEnvironment] = Math.max(peak[d.computeEnvironment] ?? 0, running[d.computeEnvironment]);
    } else if (e.type === 'job-attempt-ended') {
      const d = e.detail as { jobId: string; vcpus: number };
      running[where.get(d.jobId)!] -= d.vcpus;
    }
  }
  return peak;
}

describe('AWS Batch capacity and scheduling', () => {
  test('jobs wait RUNNABLE while the compute environment\'s MaxvCpus are in use', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 2 } } });
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 60_000 });
    const q = sim.jobQueue('QMain');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await q.submitJob({ jobName: `j${i}`, jobDefinition: 'def-main' })).jobId);
    await sim.advance(1000);
    expect((await q.describeJobs({ jobs: ids })).jobs.map((j: any) => j.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNABLE']);
    await sim.runUntilIdle();
    const third = (await q.describeJobs({ jobs: [ids[2]] })).jobs[0];
    expect(third.startedAt - sim.trace.find({ type: 'job-submitted' })!.time).toBe(60_000);
  });

  test('a higher-priority queue is served first on a shared compute environment (Job queues)', async () => {
    const sim = batchSim({
      environments: { Main: { maxvCpus: 1 } },
      queues: { Low: { priority: 1, environments: ['Main'] }, High: { priority: 10, environments: ['Main'] } },
    });
    const order: string[] = [];
    sim.jobDefinition('DefMain').handle(job => { order.push(job.jobName); }, { durationMs: 1000 });
    await sim.jobQueue('QLow').submitJob({ jobName: 'low-1', jobDefinition: 'def-main' });
    await sim.jobQueue('QLow').submitJob({ jobName: 'low-2', jobDefinition: 'def-main' });
    await sim.jobQueue('QHigh').submitJob({ jobName: 'high-1', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    expect(order).toEqual(['high-1', 'low-1', 'low-2']);
  });

  test('jobs go to the first compute environment in ComputeEnvironmentOrder with room, then the next', async () => {
    const sim = batchSim({
      environments: { First: { maxvCpus: 1 }, Second: { maxvCpus: 4 } },
      queues: { Main: { environments: ['First', 'Second'] } },
    });
    const where: string[] = [];
    sim.jobDefinition('DefMain').handle(job => { where.push(job.environment.AWS_BATCH_CE_NAME); }, { durationMs: 1000 });
    for (let i = 0; i < 3; i++) await sim.jobQueue('QMain').submitJob({ jobName: `j${i}`, jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    expect(where).toEqual(['ce-first', 'ce-second', 'ce-second']);
  });

  test('a job needing more vCPUs than MaxvCpus stays RUNNABLE with the MISCONFIGURATION reason and is reported', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 1 } }, definitions: { Main: { vcpus: '2', memory: '4096' } } }, { strict: false });
    sim.jobDefinition('DefMain').handle(() => 0);
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'big', jobDefinition: 'def-main' });
    const run = await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'RUNNABLE', statusReason: expect.stringMatching(/^MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - /) });
    expect(run.problems).toEqual([expect.stringMatching(/stays RUNNABLE: MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE/)]);
  });

  test('JobStateTimeLimitActions cancel a job stuck RUNNABLE after MaxTimeSeconds ("Canceled by JobStateTimeLimit action ...")', async () => {
    const sim = batchSim({
      environments: { Main: { maxvCpus: 1 } },
      queues: { Main: { timeLimitActions: [{ Action: 'CANCEL', MaxTimeSeconds: 3600, Reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', State: 'RUNNABLE' }] } },
      definitions: { Main: { vcpus: '2', memory: '4096' } },
    }, { strict: false });
    const t0 = sim.now();
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'big', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', stoppedAt: t0 + 3_600_000 });
  });

  test('a Fargate job on an EC2 queue, or a GPU job where no environment has GPUs, stays RUNNABLE (JOB_RESOURCE_REQUIREMENT)', async () => {
    const sim = batchSim({
      environments: { Ec2: { type: 'EC2', maxvCpus: 16 } },
      queues: { Main: { environments: ['Ec2'] } },
      definitions: { Fargate: {}, Gpu: { platform: 'EC2', vcpus: '4', memory: '16384', gpus: '1' } },
    }, { strict: false });
    const q = sim.jobQueue('QMain');
    const a = await q.submitJob({ jobName: 'f', jobDefinition: 'def-fargate' });
    const b = await q.submitJob({ jobName: 'g', jobDefinition: 'def-gpu' });
    await sim.runUntilIdle();
    for (const job of (await q.describeJobs({ jobs: [a.jobId, b.jobId] })).jobs) {
      expect(job).toMatchObject({ status: 'RUNNABLE', statusReason: expect.stringMatching(/^MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - /) });
    }
  });

  test('a GPU job runs on an EC2 environment with a GPU instance family', async () => {
    const sim = batchSim({
      environments: { Gpu: { type: 'EC2', maxvCpus: 16, instanceTypes: ['g5'] } },
      queues: { Main: { environments: ['Gpu'] } },
      definitions: { Gpu: { platform: 'EC2', vcpus: '4', memory: '16384', gpus: '1' } },
    });
    sim.jobDefinition('DefGpu').handle(() => 0);
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'g', jobDefinition: 'def-gpu' });
    await sim.runUntilIdle();
    expect((await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0].status).toBe('SUCCEEDED');
  });

  test('Fargate job definitions need VCPU and MEMORY of a Fargate task size; GPUs are not offered (Fargate job definitions)', () => {
    expect(() => batchSim({ definitions: { Main: { vcpus: '1', memory: '4000' } } })).toThrow(/ClientException|Fargate resource requirements \(1\.00 vCPU, 4000 MiB\) not valid/);
    expect(() => batchSim({ definitions: { Main: { vcpus: '3', memory: '8192' } } })).toThrow(/not valid/);
    expect(() => batchSim({ definitions: { Main: { gpus: '1' } } })).toThrow(/GPU/);
    expect(() => batchSim({ definitions: { Main: { legacy: { Vcpus: 1, Memory: 2048 } } } })).toThrow(/resourceRequirements/);
    expect(() => batchSim({ definitions: { Main: { legacy: { ResourceRequirements: [{ Type: 'MEMORY', Value: '2048' }] } } } })).toThrow(/vCPU is not provided/);
    expect(() => batchSim({ definitions: { Main: { vcpus: '0.25', memory: '512' } } })).not.toThrow();
  });

  test('EC2 job definitions take whole vCPUs (at least 1)', () => {
    const ec2 = { environments: { Ec2: { type: 'EC2' } }, queues: { Main: { environments: ['Ec2'] } } };
    expect(() => batchSim({ ...ec2, definitions: { Main: { platform: 'EC2', vcpus: '0.5', memory: '1024' } } })).toThrow(/whole number/);
    expect(() => batchSim({ ...ec2, definitions: { Main: { platform: 'EC2', legacy: { Vcpus: 2, Memory: 1000 } } } })).not.toThrow();
  });

  test('SubmitJob resource overrides on Fargate must be a Fargate size: "Fargate resource requirements (1.00 vCPU, 4000 MiB) not valid."', async () => {
    const sim = batchSim();
    await expect(sim.jobQueue('QMain').submitJob({
      jobName: 'x', jobDefinition: 'def-main', containerOverrides: { resourceRequirements: [{ type: 'MEMORY', value: '4000' }] },
    })).rejects.toMatchObject({ name: 'ClientException', message: 'Fargate resource requirements (1.00 vCPU, 4000 MiB) not valid.' });
  });

  test('a queue cannot mix EC2 and Fargate compute environments', () => {
    expect(() => batchSim({
      environments: { F: { type: 'FARGATE' }, E: { type: 'EC2' } }, queues: { Main: { environments: ['F', 'E'] } },
    })).toThrow(/cannot mix EC2 and Fargate/);
  });

  test('property: Batch never runs more vCPUs at once than a compute environment\'s MaxvCpus', async () => {
    const sizes = fc.constantFrom<[string, string]>(['0.25', '512'], ['0.5', '1024'], ['1', '2048'], ['2', '4096'], ['4', '8192']);
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.record({ size: sizes, duration: fc.integer({ min: 0, max: 120_000 }), queue: fc.constantFrom('A', 'B'), array: fc.integer({ min: 0, max: 4 }) }),
        { minLength: 1, maxLength: 12 }),
      async (maxA, maxB, jobs) => {
        const definitions: Record<string, { vcpus: string; memory: string }> = {};
        jobs.forEach((j, i) => { definitions[`J${i}`] = { vcpus: j.size[0], memory: j.size[1] }; });
        const sim = batchSim({
          environments: { A: { maxvCpus: maxA }, B: { maxvCpus: maxB } },
          queues: { A: { priority: 2, environments: ['A', 'B'] }, B: { priority: 1, environments: ['B'] } },
          definitions,
        }, { strict: false });
        for (let i = 0; i < jobs.length; i++) {
          const j = jobs[i];
          sim.jobDefinition(`DefJ${i}`).handle(() => 0, { durationMs: j.duration });
          await sim.jobQueue(`Q${j.queue}`).submitJob({ jobName: `j${i}`, jobDefinition: `def-j${i}`, ...(j.array >= 2 ? { arrayProperties: { size: j.array } } : {}) });
        }
        await sim.runUntilIdle();
        const peak = peakVcpus(sim);
        expect(peak['ce-a'] ?? 0).toBeLessThanOrEqual(maxA);
        expect(peak['ce-b'] ?? 0).toBeLessThanOrEqual(maxB);
        // Every job that fits somewhere ran to the end.
        expect(sim.trace.filter({ type: 'job-status-changed' }).filter(e => e.detail.to === 'RUNNABLE' && e.detail.statusReason?.startsWith('MISCONFIGURATION'))).toHaveLength(
          jobs.filter(j => Number(j.size[0]) > Math.max(j.queue === 'A' ? Math.max(maxA, maxB) : maxB)).reduce((n, j) => n + (j.array >= 2 ? j.array : 1), 0));
      },
    ), { numRuns: 60 });
  }, 30_000); // 60 simulations: well under a second alone, but near jest's 5 s default on a loaded 2-core machine
});
