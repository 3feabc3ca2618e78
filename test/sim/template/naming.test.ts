import { byId, load } from './helpers';
import { SeededIds } from '../../../src/sim/kernel';
import { generatedName } from '../../../src/sim/template/naming';

function one(type: string, properties: Record<string, unknown> = {}, env = {}, logicalId = 'Res') {
  return byId(load({ Resources: { [logicalId]: { Type: type, Properties: properties } } }, { env }), logicalId);
}

describe('ARNs and URLs formed as AWS forms them', () => {
  test('SQS: Ref is https://sqs.<region>.amazonaws.com/<account>/<name>; Arn is arn:<partition>:sqs:<region>:<account>:<name>', () => {
    const q = one('AWS::SQS::Queue', { QueueName: 'orders' });
    expect(q.ref).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(q.attributes).toEqual({ Arn: 'arn:aws:sqs:us-east-1:123456789012:orders', QueueName: 'orders', QueueUrl: q.ref });
  });

  test('China regions use the aws-cn partition and amazonaws.com.cn', () => {
    const q = one('AWS::SQS::Queue', { QueueName: 'orders' }, { region: 'cn-north-1', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' });
    expect(q.ref).toBe('https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders');
    expect(q.attributes.Arn).toBe('arn:aws-cn:sqs:cn-north-1:123456789012:orders');
  });

  test('SNS: Ref is the topic ARN; TopicName attribute', () => {
    const t = one('AWS::SNS::Topic', { TopicName: 'events' });
    expect(t.ref).toBe('arn:aws:sns:us-east-1:123456789012:events');
    expect(t.attributes).toEqual({ TopicArn: t.ref, TopicName: 'events' });
  });

  test('Lambda: Ref is the function name; Arn is arn:aws:lambda:<region>:<account>:function:<name>', () => {
    const f = one('AWS::Lambda::Function', { FunctionName: 'worker' });
    expect(f.ref).toBe('worker');
    expect(f.attributes.Arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:worker');
  });

  test('S3: Ref is the bucket name; Arn arn:aws:s3:::name; DomainName and RegionalDomainName', () => {
    const b = one('AWS::S3::Bucket', { BucketName: 'uploads' });
    expect(b.ref).toBe('uploads');
    expect(b.attributes).toMatchObject({
      Arn: 'arn:aws:s3:::uploads',
      DomainName: 'uploads.s3.amazonaws.com',
      RegionalDomainName: 'uploads.s3.us-east-1.amazonaws.com',
    });
  });

  test('IAM role: Ref is the name; Arn includes the path', () => {
    const r = one('AWS::IAM::Role', { RoleName: 'app', Path: '/service/' });
    expect(r.ref).toBe('app');
    expect(r.attributes.Arn).toBe('arn:aws:iam::123456789012:role/service/app');
  });

  test('KMS key: Ref is the key id; Arn is arn:aws:kms:<region>:<account>:key/<id>', () => {
    const k = one('AWS::KMS::Key');
    expect(k.ref).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(k.attributes).toEqual({ Arn: `arn:aws:kms:us-east-1:123456789012:key/${k.ref}`, KeyId: k.ref });
  });

  test('log group: Arn ends with :* as CloudFormation returns it', () => {
    expect(one('AWS::Logs::LogGroup', { LogGroupName: '/app/x' }).attributes.Arn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/app/x:*');
  });

  test('Firehose delivery stream and CloudWatch alarm ARNs', () => {
    expect(one('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamName: 'archive' }).attributes.Arn)
      .toBe('arn:aws:firehose:us-east-1:123456789012:deliverystream/archive');
    const a = one('AWS::CloudWatch::Alarm', { AlarmName: 'dlq-depth' });
    expect(a.ref).toBe('dlq-depth');
    expect(a.attributes.Arn).toBe('arn:aws:cloudwatch:us-east-1:123456789012:alarm:dlq-depth');
  });

  test('SNS subscription Ref is <topicArn>:<uuid>', () => {
    const s = one('AWS::SNS::Subscription', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:events', Protocol: 'sqs', Endpoint: 'x' });
    expect(s.ref).toMatch(/^arn:aws:sns:us-east-1:123456789012:events:[0-9a-f-]{36}$/);
  });
});

describe('generated physical names (no name property)', () => {
  test('CloudFormation style <stackName>-<logicalId>-<SUFFIX>', () => {
    const q = one('AWS::SQS::Queue', {}, {}, 'OrdersQueue');
    expect(q.attributes.QueueName).toMatch(/^TestStack-OrdersQueue-[A-Z0-9]{13}$/);
    expect(q.ref).toBe(`https://sqs.us-east-1.amazonaws.com/123456789012/${q.attributes.QueueName}`);
  });

  test('FIFO queues and topics keep the .fifo suffix', () => {
    expect(one('AWS::SQS::Queue', { FifoQueue: true }).attributes.QueueName).toMatch(/^TestStack-Res-[A-Z0-9]{13}\.fifo$/);
    expect(one('AWS::SNS::Topic', { FifoTopic: 'true' }).attributes.TopicName).toMatch(/\.fifo$/);
  });

  test('S3 generated names are lower case', () => {
    expect(one('AWS::S3::Bucket', {}, {}, 'UploadBucket').ref).toMatch(/^teststack-uploadbucket-[a-z0-9]{12}$/);
  });

  test('names are truncated to the service maximum, shortening the stack name first (Lambda: 64)', () => {
    const name = generatedName('MyStackDev-MyNestedApplicationStack', 'MyLambdaFunctionName', new SeededIds(1), { maxLength: 64 });
    expect(name).toMatch(/^MyStackDev-MyNestedApplicatio-MyLambdaFunctionName-[A-Z0-9]{13}$/);
    expect(name).toHaveLength(64);
  });

  test('SQS names (80 characters including .fifo) stay within the limit for long ids', () => {
    const id = 'A'.repeat(120);
    const q = one('AWS::SQS::Queue', { FifoQueue: true }, { stackName: 'S'.repeat(100) }, id);
    expect(q.attributes.QueueName.length).toBeLessThanOrEqual(80);
    expect(q.attributes.QueueName.endsWith('.fifo')).toBe(true);
  });

  test('same seed, same names', () => {
    const a = load({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }, { seed: 7 });
    const b = load({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }, { seed: 7 });
    expect(byId(a, 'Q').ref).toBe(byId(b, 'Q').ref);
  });

  test('an unknown resource type gets a generated physical id as its Ref', () => {
    expect(one('AWS::EC2::VPC', {}, {}, 'Vpc').ref).toMatch(/^TestStack-Vpc-[A-Z0-9]{13}$/);
  });
});
