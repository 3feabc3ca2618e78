import { Size, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildPipeline } from './pipeline-fixture';
import { BatchComputeType, ComputeEnvironmentManagement, S3ToBatchPipelineProps } from '../../src/batch';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

const CONFIGURATIONS: Array<[string, Partial<S3ToBatchPipelineProps>]> = [
  ['default props (Fargate)', {}],
  ['Fargate Spot', { computeType: BatchComputeType.FARGATE_SPOT }],
  ['EC2 with a GPU', { computeType: BatchComputeType.EC2, gpus: 1, vcpus: 4, memory: Size.gibibytes(16) }],
  ['EC2 Spot', { computeType: BatchComputeType.EC2_SPOT }],
  ['unmanaged EC2', { computeType: BatchComputeType.EC2, management: ComputeEnvironmentManagement.UNMANAGED }],
  ['isolated VPC with endpoints', { natGateways: 0 }],
];

describe.each(APP_VARIANTS)('S3ToBatchPipeline under a %s', (_variant, newApp) => {
  test.each(CONFIGURATIONS)('%s: zero cdk-nag errors in the four packs and no synthesis warnings', (_name, props) => {
    const { stack } = buildPipeline(props, newStack(newApp()));
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('an imported bucket with a prefix: the GetObject wildcard is acknowledged for exactly that prefix', () => {
    const stack = newStack(newApp());
    const bucket = s3.Bucket.fromBucketName(stack, 'Uploads', 'my-uploads');
    buildPipeline({ bucket, objectKeyPrefix: 'incoming/' }, stack);
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});

test('acknowledgements are precise: the job role acknowledges only its own GetObject resource', () => {
  const { stack, pipeline } = buildPipeline();
  const acknowledged = pipeline.jobRole.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object));
  const bucketId = stack.getLogicalId(pipeline.bucket.node.defaultChild as s3.CfnBucket);
  expect(acknowledged.map(k => k.replace(/^annotation::/i, ''))).toEqual([`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]);
});
