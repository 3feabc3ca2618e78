import { batchSim, statusesOf } from './helpers';
import { BatchJob } from '../../../src/sim';

describe('AWS Batch jobs on the clock', () => {
  test('a job goes SUBMITTED -> PENDING -> RUNNABLE -> STARTING -> RUNNING -> SUCCEEDED with DescribeJobs timestamps (User Guide, Job states)', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0, { durationMs: 90_000 });
    const queue = sim.jobQueue('QMain');
    const t0 = sim.now();
    const { jobId } = await queue.submitJob({ jobName: 'first', jobDefinition: 'def-main' });
    const before = (await queue.describeJobs({ jobs: [jobId] })).jobs[0];
    expect(before).toMatchObject({ status: 'SUBMITTED', createdAt: t0, jobName: 'first', jobQueue: queue.jobQueueArn });
    expect(before.startedAt).toBeUndefined();
    await sim.runUntilIdle();
    const after = (await queue.describeJobs({ jobs: [jobId] })).jobs[0];
    expect(statusesOf(sim, jobId)).toEqual(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED']);
    expect(after).toMatchObject({ status: 'SUCCEEDED', statusReason: 'Essential container in task exited', startedAt: t0, stoppedAt: t0 + 90_000 });
    expect(after.attempts).toEqual([expect.objectContaining({ startedAt: t0, stoppedAt: t0 + 90_000, statusReason: 'Essential container in task exited', container: expect.objectContaining({ exitCode: 0 }) })]);
    expect(after.container.exitCode).toBe(0);
  });

  test('Ref:: placeholders in the command take SubmitJob parameters over the definition defaults (User Guide, Parameter substitution)', async () => {
    const sim = batchSim({ definitions: { Main: { command: ['ffmpeg', '-i', 'Ref::inputfile', '-c', 'Ref::codec', 'Ref::unset', 'x-Ref::codec'], parameters: { codec: 'mp4', inputfile: 'default.mov' } } } });
    const seen: BatchJob[] = [];
    sim.jobDefinition('DefMain').handle(job => { seen.push(job); });
    await sim.jobQueue('QMain').submitJob({ jobName: 'encode', jobDefinition: 'def-main', parameters: { inputfile: 's3://in/a.mov' } });
    await sim.runUntilIdle();
    expect(seen[0].command).toEqual(['ffmpeg', '-i', 's3://in/a.mov', '-c', 'mp4', 'Ref::unset', 'x-Ref::codec']);
    expect(seen[0].parameters).toEqual({ codec: 'mp4', inputfile: 's3://in/a.mov' });
  });

  test('the container gets the definition environment, the overrides and the AWS_BATCH_* variables Batch sets', async () => {
    const sim = batchSim({ definitions: { Main: { environment: { A: 'def', B: 'def' } } } });
    const seen: BatchJob[] = [];
    sim.jobDefinition('DefMain').handle(job => { seen.push(job); });
    const { jobId } = await sim.jobQueue('QMain').submitJob({
      jobName: 'env', jobDefinition: 'def-main', containerOverrides: { environment: [{ name: 'B', value: 'override' }, { name: 'C', value: 'new' }] },
    });
    await sim.runUntilIdle();
    expect(seen[0].environment).toEqual({
      A: 'def', B: 'override', C: 'new', AWS_BATCH_JOB_ID: jobId, AWS_BATCH_JQ_NAME: 'queue-main', AWS_BATCH_CE_NAME: 'ce-main', AWS_BATCH_JOB_ATTEMPT: '1',
    });
    expect(seen[0]).toMatchObject({ attempt: 1, vcpus: 1, memoryMiB: 2048, jobName: 'env' });
  });

  test('environment variables starting with AWS_BATCH are reserved: ClientException, nothing submitted', async () => {
    const sim = batchSim();
    await expect(sim.jobQueue('QMain').submitJob({
      jobName: 'env', jobDefinition: 'def-main', containerOverrides: { environment: [{ name: 'AWS_BATCH_JOB_ID', value: 'x' }] },
    })).rejects.toMatchObject({ name: 'ClientException' });
    expect(sim.trace.count({ type: 'job-submitted' })).toBe(0);
  });

  test('a non-zero exit code fails the job with the exit code in the attempt; a throw is exit code 1', async () => {
    const sim = batchSim({ definitions: { Exit: {}, Throw: {} } });
    sim.jobDefinition('DefExit').handle(() => 3);
    sim.jobDefinition('DefThrow').handle(() => { throw new Error('bad row 7'); });
    const q = sim.jobQueue('QMain');
    const a = await q.submitJob({ jobName: 'exit', jobDefinition: 'def-exit' });
    const b = await q.submitJob({ jobName: 'throw', jobDefinition: 'def-throw' });
    await sim.runUntilIdle();
    const [ja, jb] = (await q.describeJobs({ jobs: [a.jobId, b.jobId] })).jobs;
    expect(ja).toMatchObject({ status: 'FAILED', statusReason: 'Essential container in task exited', container: { exitCode: 3 } });
    expect(jb).toMatchObject({ status: 'FAILED', container: { exitCode: 1 } });
    expect(sim.trace.find({ type: 'job-attempt-ended' }) && sim.trace.filter({ type: 'job-attempt-ended' })[1].detail.error).toBe('Error: bad row 7');
  });

  test('a job definition with no handler: the attempt fails as a container that cannot start, and a strict run reports it', async () => {
    const sim = batchSim();
    const q = sim.jobQueue('QMain');
    const { jobId } = await q.submitJob({ jobName: 'nohandler', jobDefinition: 'def-main' });
    await expect(sim.runUntilIdle()).rejects.toThrow(/no handler for job definition def-main/);
    const lenient = batchSim({}, { strict: false });
    const { jobId: id2 } = await lenient.jobQueue('QMain').submitJob({ jobName: 'nohandler', jobDefinition: 'def-main' });
    const run = await lenient.runUntilIdle();
    expect(run.problems).toEqual([expect.stringMatching(/DefMain: Batch job .* ran with no handler/)]);
    const job = (await lenient.jobQueue('QMain').describeJobs({ jobs: [id2] })).jobs[0];
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'Task failed to start' });
    expect(job.attempts[0].container.reason).toMatch(/^CannotStartContainerError: /);
    expect(jobId).toBeDefined();
  });

  test('SubmitJob names an unknown queue or definition: ClientException with Batch\'s message', async () => {
    const sim = batchSim();
    const api = sim.jobQueue('QMain');
    await expect(api.submitJob({ jobName: 'x', jobDefinition: 'nope' })).rejects.toMatchObject({
      name: 'ClientException', message: 'JobDefinition name nope does not exist or is not in ACTIVE status',
    });
    await expect(api.submitJob({ jobName: 'x', jobDefinition: 'arn:aws:batch:us-east-1:123456789012:job-definition/nope:1' })).rejects.toMatchObject({
      message: 'JobDefinition arn:aws:batch:us-east-1:123456789012:job-definition/nope:1 not found.',
    });
    await expect(api.submitJob({ jobName: 'x', jobDefinition: 'def-main', jobQueue: 'missing' })).rejects.toMatchObject({ name: 'ClientException', message: 'JobQueue missing not found.' });
    await expect(api.submitJob({ jobName: 'x', jobDefinition: 'def-main', parameters: { n: 3 as unknown as string } })).rejects.toMatchObject({ name: 'ClientException' });
    await expect(api.submitJob({ jobName: '-bad name', jobDefinition: 'def-main' })).rejects.toMatchObject({ name: 'ClientException' });
    expect(sim.trace.count({ type: 'job-submitted' })).toBe(0);
  });

  test('the job definition is found by name, name:revision or ARN (revision 1 for a new stack)', async () => {
    const sim = batchSim();
    sim.jobDefinition('DefMain').handle(() => 0);
    const arn = sim.jobDefinition('DefMain').jobDefinitionArn;
    expect(arn).toBe('arn:aws:batch:us-east-1:123456789012:job-definition/def-main:1');
    for (const ref of ['def-main', 'def-main:1', arn]) {
      await expect(sim.jobQueue('QMain').submitJob({ jobName: 'x', jobDefinition: ref })).resolves.toMatchObject({ jobName: 'x' });
    }
  });
});
