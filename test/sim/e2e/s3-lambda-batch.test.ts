import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { S3ToBatchPipeline } from '../../../src';
import { BatchJob, Simulator } from '../../../src/sim';

describe('S3ToBatchPipeline: S3 -> Lambda submitter -> Batch', () => {
  // No stand-in: the library's own submitter code (src/batch/submitter, an asset) submits the job through the SDK.
  test('an upload under the prefix becomes one Batch job with Ref::bucket / Ref::key resolved and INPUT_* in its environment', async () => {
    const app = new App();
    const stack = new Stack(app, 'Pipeline');
    const pipeline = new S3ToBatchPipeline(stack, 'Csv', {
      containerImage: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
      objectKeyPrefix: 'uploads/',
      command: ['process', 'Ref::bucket', 'Ref::key'],
      vcpus: 1,
      memory: Size.gibibytes(2),
      jobTimeout: Duration.minutes(30),
    });
    const sim = Simulator.fromStack(stack);
    const jobs: BatchJob[] = [];
    sim.jobDefinition(pipeline.jobDefinition).handle(job => { jobs.push(job); }, { durationMs: 60_000 });
    await sim.bucket(pipeline.bucket).putObject({ Key: 'uploads/my file.csv', Body: 'a,b\n1,2\n' });
    await sim.bucket(pipeline.bucket).putObject({ Key: 'elsewhere/skip.csv', Body: 'x' });
    await sim.runUntilIdle();
    const bucket = sim.bucket(pipeline.bucket).bucketName;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ jobName: 's3-uploads-my-file-csv', command: ['process', bucket, 'uploads/my file.csv'] });
    expect(jobs[0].environment).toMatchObject({ INPUT_BUCKET: bucket, INPUT_KEY: 'uploads/my file.csv' });
    const done = await sim.jobQueue(pipeline.jobQueue).listJobs({ jobStatus: 'SUCCEEDED' });
    expect(done.jobSummaryList).toHaveLength(1);
  });
});
