import { batchSim, statusesOf } from './helpers';

describe('AWS Batch array jobs and dependencies', () => {
  test('an array job spawns <jobId>:<index> children with AWS_BATCH_JOB_ARRAY_INDEX; the parent SUCCEEDS when all do (Array jobs)', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 16 } } });
    const indexes: string[] = [];
    sim.jobDefinition('DefMain').handle(job => { indexes.push(job.environment.AWS_BATCH_JOB_ARRAY_INDEX); }, { durationMs: 1000 });
    const q = sim.jobQueue('QMain');
    const { jobId } = await q.submitJob({ jobName: 'sweep', jobDefinition: 'def-main', arrayProperties: { size: 4 } });
    await sim.runUntilIdle();
    expect(indexes.sort()).toEqual(['0', '1', '2', '3']);
    const [parent, child2] = (await q.describeJobs({ jobs: [jobId, `${jobId}:2`] })).jobs;
    expect(parent).toMatchObject({ status: 'SUCCEEDED', arrayProperties: { size: 4, statusSummary: { SUCCEEDED: 4, FAILED: 0, RUNNING: 0 } } });
    expect(child2).toMatchObject({ jobId: `${jobId}:2`, status: 'SUCCEEDED', arrayProperties: { index: 2 } });
    expect(statusesOf(sim, jobId)).toEqual(['SUBMITTED', 'PENDING', 'SUCCEEDED']);
    const children = await q.listJobs({ arrayJobId: jobId, jobStatus: 'SUCCEEDED' });
    expect(children.jobSummaryList.map((j: any) => j.arrayProperties.index)).toEqual([0, 1, 2, 3]);
    expect((await q.listJobs({ jobStatus: 'SUCCEEDED' })).jobSummaryList.map((j: any) => j.jobId)).toEqual([jobId]);
  });

  test('the parent FAILS when a child fails, and its statusSummary counts children by status', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 16 } } });
    sim.jobDefinition('DefMain').handle(job => (job.arrayIndex === 1 ? 1 : 0));
    const q = sim.jobQueue('QMain');
    const { jobId } = await q.submitJob({ jobName: 'sweep', jobDefinition: 'def-main', arrayProperties: { size: 3 } });
    await sim.runUntilIdle();
    const parent = (await q.describeJobs({ jobs: [jobId] })).jobs[0];
    expect(parent).toMatchObject({ status: 'FAILED', arrayProperties: { statusSummary: { SUCCEEDED: 2, FAILED: 1 } } });
  });

  test('array sizes are 2 to 10,000', async () => {
    const sim = batchSim();
    for (const size of [1, 10_001]) {
      await expect(sim.jobQueue('QMain').submitJob({ jobName: 'a', jobDefinition: 'def-main', arrayProperties: { size } })).rejects.toMatchObject({ name: 'ClientException' });
    }
  });

  test('SEQUENTIAL: each child waits for the one before it, starting at index 0 (Job dependencies)', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 16 } } });
    const starts: Array<[number, number]> = [];
    sim.jobDefinition('DefMain').handle(job => { starts.push([job.arrayIndex!, sim.now()]); }, { durationMs: 10_000 });
    const t0 = sim.now();
    await sim.jobQueue('QMain').submitJob({ jobName: 'seq', jobDefinition: 'def-main', arrayProperties: { size: 3 }, dependsOn: [{ type: 'SEQUENTIAL' }] });
    await sim.runUntilIdle();
    expect(starts).toEqual([[0, t0], [1, t0 + 10_000], [2, t0 + 20_000]]);
  });

  test('N_TO_N: child i waits for child i of the dependency', async () => {
    const sim = batchSim({ environments: { Main: { maxvCpus: 16 } } });
    const order: string[] = [];
    sim.jobDefinition('DefMain').handle(job => { order.push(`${job.jobName}:${job.arrayIndex}@${sim.now()}`); }, {
      durationMs: job => (job.jobName === 'a' ? (job.arrayIndex! + 1) * 1000 : 0),
    });
    const q = sim.jobQueue('QMain');
    const t0 = sim.now();
    const a = await q.submitJob({ jobName: 'a', jobDefinition: 'def-main', arrayProperties: { size: 2 } });
    await q.submitJob({ jobName: 'b', jobDefinition: 'def-main', arrayProperties: { size: 2 }, dependsOn: [{ jobId: a.jobId, type: 'N_TO_N' }] });
    await sim.runUntilIdle();
    expect(order).toEqual(expect.arrayContaining([`b:0@${t0 + 1000}`, `b:1@${t0 + 2000}`]));
  });

  test('N_TO_N needs an array dependency of the same size; SEQUENTIAL names no job', async () => {
    const sim = batchSim();
    const q = sim.jobQueue('QMain');
    const a = await q.submitJob({ jobName: 'a', jobDefinition: 'def-main', arrayProperties: { size: 2 } });
    await expect(q.submitJob({ jobName: 'b', jobDefinition: 'def-main', arrayProperties: { size: 3 }, dependsOn: [{ jobId: a.jobId, type: 'N_TO_N' }] }))
      .rejects.toMatchObject({ name: 'ClientException' });
    await expect(q.submitJob({ jobName: 'c', jobDefinition: 'def-main', dependsOn: [{ type: 'SEQUENTIAL' }] })).rejects.toMatchObject({ name: 'ClientException' });
    await expect(q.submitJob({ jobName: 'd', jobDefinition: 'def-main', dependsOn: [{ jobId: 'no-such-job' }] })).rejects.toMatchObject({ name: 'ClientException' });
  });

  test('a job waits PENDING for its dependency and runs after it succeeds', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 30_000 });
    const q = sim.jobQueue('QMain');
    const first = await q.submitJob({ jobName: 'first', jobDefinition: 'def-main' });
    const second = await q.submitJob({ jobName: 'second', jobDefinition: 'def-main', dependsOn: [{ jobId: first.jobId }] });
    await sim.advance(10_000);
    expect((await q.describeJobs({ jobs: [second.jobId] })).jobs[0].status).toBe('PENDING');
    await sim.runUntilIdle();
    const job = (await q.describeJobs({ jobs: [second.jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'SUCCEEDED', dependsOn: [{ jobId: first.jobId }] });
    expect(job.startedAt - sim.trace.find({ type: 'job-submitted' })!.time).toBe(30_000);
  });

  test('a dependency that fails fails the dependent job from PENDING ("Dependent Job failed")', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(job => (job.jobName === 'first' ? 1 : 0));
    const q = sim.jobQueue('QMain');
    const first = await q.submitJob({ jobName: 'first', jobDefinition: 'def-main' });
    const second = await q.submitJob({ jobName: 'second', jobDefinition: 'def-main', dependsOn: [{ jobId: first.jobId }] });
    await sim.runUntilIdle();
    expect((await q.describeJobs({ jobs: [second.jobId] })).jobs[0]).toMatchObject({ status: 'FAILED', statusReason: 'Dependent Job failed', attempts: [] });
    expect(statusesOf(sim, second.jobId)).toEqual(['SUBMITTED', 'PENDING', 'FAILED']);
  });
});
