import { batchSim } from './helpers';

describe('AWS Batch ServiceApi (namespace batch)', () => {
  const caller = { principalType: 'AWS' as const, principal: 'arn:aws:iam::123456789012:role/submitter', secureTransport: true };

  test('SubmitJob, DescribeJobs and ListJobs answer with SDK v3 shapes', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 5000 });
    const api = (sim as any).context.api('batch');
    expect(api.actions).toEqual(['SubmitJob', 'DescribeJobs', 'ListJobs', 'TerminateJob', 'CancelJob']);
    const out = await api.call('SubmitJob', { jobName: 'via-api', jobQueue: 'queue-main', jobDefinition: 'def-main' }, caller);
    expect(out).toEqual({ jobArn: `arn:aws:batch:us-east-1:123456789012:job/${out.jobId}`, jobName: 'via-api', jobId: out.jobId, $metadata: { httpStatusCode: 200 } });
    await sim.advance(1000);
    expect((await api.call('ListJobs', { jobQueue: 'queue-main' }, caller)).jobSummaryList).toEqual([
      expect.objectContaining({ jobId: out.jobId, jobName: 'via-api', status: 'RUNNING' }),
    ]);
    await sim.runUntilIdle();
    expect((await api.call('ListJobs', { jobQueue: 'queue-main' }, caller)).jobSummaryList).toEqual([]);
    expect((await api.call('ListJobs', { jobQueue: 'queue-main', filters: [{ name: 'JOB_NAME', values: ['via*'] }] }, caller)).jobSummaryList)
      .toEqual([expect.objectContaining({ status: 'SUCCEEDED', container: { exitCode: 0 } })]);
    expect((await api.call('DescribeJobs', { jobs: [out.jobId, 'unknown'] }, caller)).jobs.map((j: any) => j.jobId)).toEqual([out.jobId]);
    await expect(api.call('DescribeJobs', { jobs: Array.from({ length: 101 }, (_, i) => `j${i}`) }, caller)).rejects.toMatchObject({ name: 'ClientException' });
    await expect(api.call('ListJobs', {}, caller)).rejects.toMatchObject({ name: 'ClientException' });
    await expect(api.call('RegisterJobDefinition', {}, caller)).rejects.toMatchObject({ name: 'InvalidAction' });
  });

  test('whenJobEnds (Step Functions batch:submitJob.sync) resolves with the job detail at the virtual time it ends', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 42_000 });
    const { jobId } = await sim.jobQueue('QMain').submitJob({ jobName: 'sync', jobDefinition: 'def-main' });
    const batch = (sim as any).context.services.batch;
    let endedAt = 0;
    const ended = batch.whenJobEnds(jobId).then((detail: any) => { endedAt = sim.now(); return detail; });
    const t0 = sim.now();
    await sim.runUntilIdle();
    expect(await ended).toMatchObject({ jobId, status: 'SUCCEEDED' });
    expect(endedAt).toBe(t0 + 42_000);
    await expect(batch.whenJobEnds('nope')).rejects.toMatchObject({ name: 'ClientException' });
  });

  test('job queue and job definition handles carry the names and ARNs; the wrong type is refused', () => {
    const sim = batchSim();
    expect(sim.jobQueue('QMain')).toMatchObject({ jobQueueName: 'queue-main', jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/queue-main' });
    expect(sim.jobDefinition('DefMain').jobDefinitionName).toBe('def-main');
    expect(() => sim.jobQueue('DefMain')).toThrow(/is a AWS::Batch::JobDefinition/);
  });
});
