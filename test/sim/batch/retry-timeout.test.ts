import { batchSim, statusesOf } from './helpers';

describe('AWS Batch retry strategy and timeout', () => {
  test('a failed attempt goes back to RUNNABLE while attempts remain (RetryStrategy.attempts)', async () => {
    const sim = batchSim({ definitions: { Main: { retryStrategy: { Attempts: 3 } } } });
    let calls = 0;
    sim.jobDefinition('DefMain').handle(job => { calls++; return job.attempt < 3 ? 1 : 0; }, { durationMs: 1000 });
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'flaky', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(calls).toBe(3);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.attempts.map((a: any) => a.container.exitCode)).toEqual([1, 1, 0]);
    expect(statusesOf(sim, jobId)).toEqual(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'RUNNABLE', 'STARTING', 'RUNNING',
      'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED']);
  });

  test('the attempts are exhausted: the job FAILS after the last attempt', async () => {
    const sim = batchSim({ definitions: { Main: { retryStrategy: { Attempts: 2 } } } });
    sim.jobDefinition('DefMain').handle(() => 2);
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'bad', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'FAILED', attempts: [expect.anything(), expect.anything()] });
  });

  test('evaluateOnExit: the first entry whose conditions all match decides; EXIT stops retrying (EvaluateOnExit)', async () => {
    const sim = batchSim({
      definitions: {
        Main: {
          retryStrategy: {
            Attempts: 5,
            EvaluateOnExit: [{ OnExitCode: '4*', Action: 'EXIT' }, { OnStatusReason: 'Essential*', Action: 'RETRY' }],
          },
        },
      },
    });
    const codes = [1, 42];
    sim.jobDefinition('DefMain').handle(job => codes[job.attempt - 1]);
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'ev', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job.status).toBe('FAILED');
    expect(job.attempts.map((a: any) => a.container.exitCode)).toEqual([1, 42]);
  });

  test('evaluateOnExit: when no entry matches the job is retried', async () => {
    const sim = batchSim({ definitions: { Main: { retryStrategy: { Attempts: 2, EvaluateOnExit: [{ OnExitCode: '7', Action: 'EXIT' }] } } } });
    sim.jobDefinition('DefMain').handle(job => (job.attempt === 1 ? 70 : 0));
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'ev', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    expect((await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0]).toMatchObject({ status: 'SUCCEEDED' });
  });

  test('a SubmitJob retryStrategy overrides the definition\'s', async () => {
    const sim = batchSim({ definitions: { Main: { retryStrategy: { Attempts: 1 } } } });
    sim.jobDefinition('DefMain').handle(job => (job.attempt === 1 ? 1 : 0));
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'ov', jobDefinition: 'def-main', retryStrategy: { attempts: 2 } });
    await sim.runUntilIdle();
    expect((await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0]).toMatchObject({ status: 'SUCCEEDED', retryStrategy: { attempts: 2 } });
  });

  test('an attempt longer than timeout.attemptDurationSeconds is stopped with "Job attempt duration exceeded timeout" (JobTimeout)', async () => {
    const sim = batchSim({ definitions: { Main: { timeoutSeconds: 60 } } });
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 5 * 60_000 });
    const t0 = sim.now();
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'slow', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    const job = (await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'Job attempt duration exceeded timeout', stoppedAt: t0 + 60_000, timeout: { attemptDurationSeconds: 60 } });
  });

  test('timed-out attempts are retried like any failed attempt, and evaluateOnExit can match the timeout reason', async () => {
    const sim = batchSim({
      definitions: { Main: { timeoutSeconds: 60, retryStrategy: { Attempts: 3, EvaluateOnExit: [{ OnStatusReason: 'Job attempt duration*', Action: 'EXIT' }] } } },
    });
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 120_000 });
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'slow', jobDefinition: 'def-main' });
    await sim.runUntilIdle();
    expect((await sim.jobQueue('QMain').describeJobs({ jobs: [jobId] })).jobs[0].attempts).toHaveLength(1);
  });

  test('a timeout below 60 seconds is refused (the minimum is 60 seconds)', async () => {
    expect(() => batchSim({ definitions: { Main: { timeoutSeconds: 30 } } })).toThrow(/ClientException|at least 60 seconds/);
    const sim = batchSim();
    await expect(sim.jobQueue('QMain').submitJob({ jobName: 'x', jobDefinition: 'def-main', timeout: { attemptDurationSeconds: 10 } }))
      .rejects.toMatchObject({ name: 'ClientException' });
  });

  test('TerminateJob stops a RUNNING job: FAILED with the given reason, not retried', async () => {
    const sim = batchSim({ definitions: { Main: { retryStrategy: { Attempts: 3 } } } });
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 600_000 });
    const q = sim.jobQueue('QMain');
    const { jobId } = await q.submitJob({ jobName: 'long', jobDefinition: 'def-main' });
    await sim.advance(60_000);
    expect((await q.describeJobs({ jobs: [jobId] })).jobs[0].status).toBe('RUNNING');
    await q.terminateJob({ jobId, reason: 'operator stop' });
    await sim.runUntilIdle();
    const job = (await q.describeJobs({ jobs: [jobId] })).jobs[0];
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'operator stop', attempts: [expect.objectContaining({ statusReason: 'operator stop' })] });
  });

  test('CancelJob does not cancel a RUNNING job (the call succeeds), but fails a SUBMITTED one', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 60_000 });
    const q = sim.jobQueue('QMain');
    const running = await q.submitJob({ jobName: 'run', jobDefinition: 'def-main' });
    await sim.advance(1000);
    const submitted = await q.submitJob({ jobName: 'sub', jobDefinition: 'def-main' });
    await q.cancelJob({ jobId: running.jobId, reason: 'no' });
    await q.cancelJob({ jobId: submitted.jobId, reason: 'changed my mind' });
    await sim.runUntilIdle();
    const [a, b] = (await q.describeJobs({ jobs: [running.jobId, submitted.jobId] })).jobs;
    expect(a.status).toBe('SUCCEEDED');
    expect(b).toMatchObject({ status: 'FAILED', statusReason: 'changed my mind', attempts: [] });
  });
});
