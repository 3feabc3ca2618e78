import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addBatchExamples } from '../../examples/batch';
import { StableSnapshot } from '../../src';
import { synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

describe('batch examples', () => {
  const app = new App();
  addBatchExamples(app);
  const fargate = app.node.findChild('S3ToBatchExample') as Stack;
  const gpu = app.node.findChild('S3ToBatchEc2Example') as Stack;

  test('both stacks synthesize with no cdk-nag finding in the four packs and no warning', () => {
    expect(nagErrors(app)).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
    expect(synthWarnings(fargate)).toEqual([]);
    expect(synthWarnings(gpu)).toEqual([]);
  });

  test('S3ToBatchExample: .csv uploads under uploads/ start a 1 vCPU / 2 GiB Fargate job given the bucket and key', () => {
    const template = Template.fromStack(fargate);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [Match.objectLike({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }, { Name: 'prefix', Value: 'uploads/' }] } },
        })],
      },
    });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', { ComputeResources: Match.objectLike({ Type: 'FARGATE' }) });
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      PlatformCapabilities: ['FARGATE'],
      Timeout: { AttemptDurationSeconds: 1800 },
      ContainerProperties: Match.objectLike({
        Command: Match.arrayWith(['Ref::bucket', 'Ref::key']),
        ResourceRequirements: Match.arrayEquals([{ Type: 'MEMORY', Value: '2048' }, { Type: 'VCPU', Value: '1' }]),
      }),
    });
    expect(StableSnapshot.of(fargate)).toMatchSnapshot();
  });

  test('S3ToBatchEc2Example: ComputeAdvisor sends the GPU job to EC2 with G5 instances and the NVIDIA image', () => {
    const template = Template.fromStack(gpu);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({ Type: 'EC2', MaxvCpus: 64, InstanceTypes: ['g5', 'optimal'], Ec2Configuration: [{ ImageType: 'ECS_AL2023_NVIDIA' }] }),
    });
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      PlatformCapabilities: ['EC2'],
      ContainerProperties: Match.objectLike({ Command: ['nvidia-smi'], ResourceRequirements: Match.arrayWith([{ Type: 'GPU', Value: '1' }]) }),
    });
    expect(StableSnapshot.of(gpu)).toMatchSnapshot();
  });
});
