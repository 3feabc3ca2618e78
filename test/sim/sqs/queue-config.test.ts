import { TemplateLoadError } from '../../../src/sim/kernel';
import { SqsService } from '../../../src/sim/sqs';
import { fakeContext, resource } from '../fixtures';
import { queueArn, sqsWith } from './helpers';

function load(queues: Record<string, Record<string, any>>): SqsService {
  return sqsWith(queues).sqs;
}

function loadError(queues: Record<string, Record<string, any>>): TemplateLoadError {
  try {
    load(queues);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateLoadError);
    return e as TemplateLoadError;
  }
  throw new Error('expected the template to fail to load');
}

describe('AWS::SQS::Queue attribute ranges (SQS API reference, CreateQueue)', () => {
  test.each([
    ['DelaySeconds', -1], ['DelaySeconds', 901],
    ['MaximumMessageSize', 1023], ['MaximumMessageSize', 1_048_577],
    ['MessageRetentionPeriod', 59], ['MessageRetentionPeriod', 1_209_601],
    ['ReceiveMessageWaitTimeSeconds', 21], ['ReceiveMessageWaitTimeSeconds', -1],
    ['VisibilityTimeout', 43_201], ['VisibilityTimeout', -5],
    ['KmsDataKeyReusePeriodSeconds', 59], ['KmsDataKeyReusePeriodSeconds', 86_401],
    ['VisibilityTimeout', 'thirty'], ['DelaySeconds', 1.5],
  ])('%s = %p is refused with InvalidAttributeValue', (attr, value) => {
    const err = loadError({ Q: { [attr]: value } });
    expect(err.name).toBe('InvalidAttributeValue');
    expect(err.message).toBe(`Q: Invalid value for the parameter ${attr}.`);
    expect(err.logicalId).toBe('Q');
  });

  test.each([
    ['DelaySeconds', 0, 900], ['MaximumMessageSize', 1024, 1_048_576], ['MessageRetentionPeriod', 60, 1_209_600],
    ['ReceiveMessageWaitTimeSeconds', 0, 20], ['VisibilityTimeout', 0, 43_200],
  ])('%s accepts its bounds %p and %p', async (attr, min, max) => {
    for (const value of [min, max]) {
      const { sqs } = sqsWith({ Q: { [attr]: value } });
      const attrs = (await sqs.handle('Q').getQueueAttributes({ AttributeNames: [attr as string] })).Attributes;
      expect(attrs).toEqual({ [attr]: String(value) });
    }
  });

  test('numbers given as strings are accepted, as CloudFormation accepts them', async () => {
    const { sqs } = sqsWith({ Q: { VisibilityTimeout: '45', DelaySeconds: '5', MessageRetentionPeriod: '3600', FifoQueue: undefined } });
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'MessageRetentionPeriod'] });
    expect(Attributes).toEqual({ VisibilityTimeout: '45', DelaySeconds: '5', MessageRetentionPeriod: '3600' });
  });

  test('defaults: VisibilityTimeout 30, retention 345600 (4 days), MaximumMessageSize 1048576 (1 MiB), no delay, no long polling', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['All'] });
    expect(Attributes).toMatchObject({
      VisibilityTimeout: '30',
      MessageRetentionPeriod: '345600',
      MaximumMessageSize: '1048576',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      QueueArn: queueArn('Q'),
      ApproximateNumberOfMessages: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(Attributes).not.toHaveProperty('FifoQueue');
  });
});

describe('FIFO queue naming and attributes', () => {
  test('a FIFO queue name must end with .fifo (InvalidParameterValue)', () => {
    const err = loadError({ Q: { FifoQueue: true, QueueName: 'orders' } });
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toMatch(/must end with \.fifo suffix and be 1 to 80 in length/);
  });

  test('a standard queue name cannot contain a period, so it cannot end with .fifo', () => {
    expect(loadError({ Q: { QueueName: 'orders.fifo' } }).name).toBe('InvalidParameterValue');
  });

  test('queue names are at most 80 characters', () => {
    expect(loadError({ Q: { QueueName: 'a'.repeat(81) } }).name).toBe('InvalidParameterValue');
    expect(() => load({ Q: { QueueName: 'a'.repeat(80) } })).not.toThrow();
    expect(() => load({ Q: { FifoQueue: 'true', QueueName: `${'a'.repeat(75)}.fifo` } })).not.toThrow();
    expect(loadError({ Q: { FifoQueue: 'true', QueueName: `${'a'.repeat(76)}.fifo` } }).name).toBe('InvalidParameterValue');
  });

  test.each(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'])(
    'FIFO-only attribute %s on a standard queue is refused (Unknown Attribute)', attr => {
      const err = loadError({ Q: { [attr]: attr === 'ContentBasedDeduplication' ? true : 'queue' } });
      expect(err.name).toBe('InvalidAttributeName');
      expect(err.message).toBe(`Q: Unknown Attribute ${attr}.`);
    });

  test('FifoThroughputLimit perMessageGroupId is allowed only with DeduplicationScope messageGroup', () => {
    expect(loadError({ Q: { FifoQueue: true, FifoThroughputLimit: 'perMessageGroupId' } }).name).toBe('InvalidAttributeValue');
    expect(() => load({ Q: { FifoQueue: true, FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' } })).not.toThrow();
    expect(loadError({ Q: { FifoQueue: true, DeduplicationScope: 'group' } }).name).toBe('InvalidAttributeValue');
  });

  test('FIFO attributes are reported by GetQueueAttributes (defaults DeduplicationScope queue, FifoThroughputLimit perQueue)', async () => {
    const { sqs } = sqsWith({ Q: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['All'] });
    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  });
});

describe('RedrivePolicy (SQS developer guide: dead-letter queues)', () => {
  const dlq = { Dlq: {} };
  const policy = (p: any) => ({ ...dlq, Q: { RedrivePolicy: p } });

  test('maxReceiveCount must be between 1 and 1000', () => {
    for (const count of [0, 1001, 'many']) {
      const err = loadError(policy({ deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: count }));
      expect(err.name).toBe('InvalidParameterValue');
      expect(err.message).toContain(`Invalid value for maxReceiveCount: ${count}, valid values are from 1 to 1000 both inclusive.`);
    }
    expect(() => load(policy({ deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: '1000' }))).not.toThrow();
  });

  test('the policy may be an object or a JSON string, with maxReceiveCount as a string', async () => {
    const { sqs } = sqsWith(policy(JSON.stringify({ deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: '3' })));
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['RedrivePolicy'] });
    expect(JSON.parse(Attributes!.RedrivePolicy)).toEqual({ deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 3 });
  });

  test('both attributes are mandatory', () => {
    expect(loadError(policy({ deadLetterTargetArn: queueArn('Dlq') })).message).toContain('does not contain mandatory attribute: maxReceiveCount');
    expect(loadError(policy({ maxReceiveCount: 3 })).message).toContain('does not contain mandatory attribute: deadLetterTargetArn');
    expect(loadError(policy('{not json')).name).toBe('InvalidAttributeValue');
  });

  test('the dead-letter target must exist', () => {
    const err = loadError({ Q: { RedrivePolicy: { deadLetterTargetArn: queueArn('Missing'), maxReceiveCount: 3 } } });
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('Reason: Dead letter target does not exist.');
  });

  test('"The dead-letter queue of a FIFO queue must also be a FIFO queue" and a standard queue\'s must be standard', () => {
    expect(loadError({ Dlq: {}, Q: { FifoQueue: true, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 3 } } }).message)
      .toContain('Dead-letter queue must be same type of queue as the source.');
    expect(loadError({ Dlq: { FifoQueue: true }, Q: { RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq.fifo'), maxReceiveCount: 3 } } }).message)
      .toContain('Dead-letter queue must be same type of queue as the source.');
    expect(() => load({ Dlq: { FifoQueue: true }, Q: { FifoQueue: true, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq.fifo'), maxReceiveCount: 3 } } }))
      .not.toThrow();
  });
});

describe('RedriveAllowPolicy (which source queues may use a queue as their dead-letter queue)', () => {
  const source = { RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 3 } };

  test('allowAll (the default) lets any source queue use it', () => {
    expect(() => load({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'allowAll' } }, Q: source })).not.toThrow();
  });

  test('denyAll refuses every source queue', () => {
    const err = loadError({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'denyAll' } }, Q: source });
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.logicalId).toBe('Q');
    expect(err.message).toMatch(/RedriveAllowPolicy of Dlq \(denyAll\)/);
  });

  test('byQueue admits only the listed source queue ARNs', () => {
    expect(() => load({ Dlq: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queueArn('Q')] }) }, Q: source }))
      .not.toThrow();
    expect(loadError({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [queueArn('Other')] } }, Q: source }).message)
      .toMatch(/does not list .*:Q as a source queue/);
  });

  test('byQueue lists at most 10 source queue ARNs, and sourceQueueArns is only for byQueue', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => queueArn(`S${i}`));
    expect(loadError({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: eleven } } }).name).toBe('InvalidAttributeValue');
    expect(() => load({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: eleven.slice(0, 10) } } })).not.toThrow();
    expect(loadError({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'allowAll', sourceQueueArns: [queueArn('Q')] } } }).name).toBe('InvalidAttributeValue');
    expect(loadError({ Dlq: { RedriveAllowPolicy: { redrivePermission: 'sometimes' } } }).name).toBe('InvalidAttributeValue');
  });
});

describe('AWS::SQS::QueuePolicy', () => {
  const doc = (sid: string) => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] });

  test('attaches to every queue listed by URL in Queues (Policy attribute); a later policy for the same queue replaces it', async () => {
    const ctx = fakeContext();
    const sqs = new SqsService(ctx);
    const a = ctx.add(resource('AWS::SQS::Queue', 'A'));
    const b = ctx.add(resource('AWS::SQS::Queue', 'B'));
    sqs.create(a);
    sqs.create(b);
    sqs.create(resource('AWS::SQS::QueuePolicy', 'P1', { Queues: [a.ref, b.ref], PolicyDocument: doc('one') }));
    sqs.create(resource('AWS::SQS::QueuePolicy', 'P2', { Queues: [b.ref], PolicyDocument: JSON.stringify(doc('two')) }));
    sqs.link();
    const policyOf = async (id: string) => JSON.parse((await sqs.handle(id).getQueueAttributes({ AttributeNames: ['Policy'] })).Attributes!.Policy);
    expect((await policyOf('A')).Statement[0].Sid).toBe('one');
    expect((await policyOf('B')).Statement[0].Sid).toBe('two');
    expect(ctx.trace.filter({ type: 'queue-policy-replaced' })).toHaveLength(1);
  });

  test('a queue URL that is not a queue of the template fails to load', () => {
    const ctx = fakeContext();
    const sqs = new SqsService(ctx);
    sqs.create(resource('AWS::SQS::QueuePolicy', 'P', { Queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/nope'], PolicyDocument: doc('x') }));
    expect(() => sqs.link()).toThrow(TemplateLoadError);
  });

  test('a policy that is not JSON, or has no Statement, fails to load', () => {
    const ctx = fakeContext();
    const sqs = new SqsService(ctx);
    const a = resource('AWS::SQS::Queue', 'A');
    sqs.create(a);
    expect(() => sqs.create(resource('AWS::SQS::QueuePolicy', 'P', { Queues: [a.ref], PolicyDocument: '{' }))).toThrow(/not valid JSON/);
    expect(() => sqs.create(resource('AWS::SQS::QueuePolicy', 'P', { Queues: [a.ref], PolicyDocument: {} }))).toThrow(/no Statement/);
  });
});

describe('features that are not simulated are reported', () => {
  test('FifoThroughputLimit is listed through reportUnsupported; a KMS key is simulated (key checks), not listed', () => {
    const reported: string[] = [];
    const ctx = Object.assign(fakeContext(), { reportUnsupported: (id: string, _t: string, reason: string) => reported.push(`${id}: ${reason}`) });
    const sqs = new SqsService(ctx);
    sqs.create(resource('AWS::SQS::Queue', 'K', { KmsMasterKeyId: 'alias/aws/sqs' }));
    sqs.create(resource('AWS::SQS::Queue', 'F', { FifoQueue: true, FifoThroughputLimit: 'perQueue' }));
    expect(reported).toEqual([expect.stringMatching(/^F: FifoThroughputLimit/)]);
  });

  test('unknown queue handles name the queues that exist', () => {
    const { sqs } = sqsWith({ Orders: {} });
    expect(() => sqs.handle('Order')).toThrow(/Queues: Orders/);
  });
});
