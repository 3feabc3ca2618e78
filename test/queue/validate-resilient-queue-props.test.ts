import { CfnParameter, Duration, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ResilientQueue, ResilientQueueProps } from '../../src/queue';
import { newStack } from '../util/apps';

function create(props: ResilientQueueProps): void {
  new ResilientQueue(newStack(), 'Orders', props);
}

describe('ResilientQueue validation: SQS ranges', () => {
  test.each([
    ['retentionPeriod', { retentionPeriod: Duration.seconds(59) }, /invalid retentionPeriod \("59 seconds = 59 seconds"\); allowed: 1 minute to 14 days \(60\.\.1209600 seconds/],
    ['retentionPeriod', { retentionPeriod: Duration.days(15) }, /invalid retentionPeriod \("15 days = 1296000 seconds"\); allowed: 1 minute to 14 days/],
    ['deliveryDelay', { deliveryDelay: Duration.minutes(16) }, /invalid deliveryDelay \("16 minutes = 960 seconds"\); allowed: 0 seconds to 15 minutes \(0\.\.900 seconds/],
    ['visibilityTimeout', { visibilityTimeout: Duration.hours(13) },
      /invalid visibilityTimeout \("13 hours = 46800 seconds"\); allowed: 0 seconds to 12 hours \(0\.\.43200 seconds/],
    ['receiveMessageWaitTime', { receiveMessageWaitTime: Duration.seconds(21) },
      /invalid receiveMessageWaitTime \("21 seconds = 21 seconds"\); allowed: 0 to 20 seconds \(0\.\.20 seconds/],
    ['maxMessageSizeBytes', { maxMessageSizeBytes: 1023 }, /invalid maxMessageSizeBytes \("1023 bytes"\); allowed: an integer from 1024 to 1048576 bytes/],
    ['maxMessageSizeBytes', { maxMessageSizeBytes: 1_048_577 }, /invalid maxMessageSizeBytes \("1048577 bytes"\); allowed: an integer from 1024 to 1048576 bytes/],
    ['maxReceiveCount', { maxReceiveCount: 0 }, /invalid maxReceiveCount \("0 receives"\); allowed: an integer from 1 to 1000 receives/],
    ['maxReceiveCount', { maxReceiveCount: 1001 }, /invalid maxReceiveCount \("1001 receives"\); allowed: an integer from 1 to 1000 receives/],
    ['maxReceiveCount', { maxReceiveCount: 2.5 }, /invalid maxReceiveCount \("2\.5 receives"\); allowed: an integer from 1 to 1000 receives/],
    ['deadLetterQueueRetentionPeriod', { deadLetterQueueRetentionPeriod: Duration.days(15) },
      /invalid deadLetterQueueRetentionPeriod \("15 days = 1296000 seconds"\); allowed: 1 minute to 14 days/],
    ['dataKeyReuse', { encryption: sqs.QueueEncryption.KMS_MANAGED, dataKeyReuse: Duration.hours(25) },
      /invalid dataKeyReuse \("1 day 1 hour = 90000 seconds"\); allowed: 1 minute to 24 hours \(60\.\.86400 seconds/],
    ['maxMessageAge', { maxMessageAge: Duration.seconds(30) }, /invalid maxMessageAge \("30 seconds = 30 seconds"\); allowed: 1 minute to the retentionPeriod \(default 4 days\)/],
    ['maxMessageAge', { retentionPeriod: Duration.hours(1), maxMessageAge: Duration.hours(2) },
      /invalid maxMessageAge \("2 hours = 7200 seconds"\); allowed: 1 minute to the retentionPeriod \(1 hour\)/],
  ])('%s out of range is rejected with the prop, the value and the range', (_prop, props, message) => {
    expect(() => create(props as ResilientQueueProps)).toThrow(message);
  });

  test('every message starts with the construct name', () => {
    expect(() => create({ maxReceiveCount: 0 })).toThrow(/^ResilientQueue: invalid maxReceiveCount/);
  });

  test.each([
    ['retentionPeriod 1 minute', { retentionPeriod: Duration.minutes(1), deadLetterQueueRetentionPeriod: Duration.minutes(1) }],
    ['retentionPeriod 14 days', { retentionPeriod: Duration.days(14) }],
    ['deliveryDelay 15 minutes', { deliveryDelay: Duration.minutes(15) }],
    ['visibilityTimeout 0 and 12 hours', { visibilityTimeout: Duration.hours(12) }],
    ['receiveMessageWaitTime 0 (short polling)', { receiveMessageWaitTime: Duration.seconds(0) }],
    ['maxMessageSizeBytes 1 KiB', { maxMessageSizeBytes: 1024 }],
    ['maxMessageSizeBytes 1 MiB (the current SQS limit, above the old 256 KiB)', { maxMessageSizeBytes: 1_048_576 }],
    ['maxReceiveCount 1', { maxReceiveCount: 1 }],
    ['maxReceiveCount 1000', { maxReceiveCount: 1000 }],
    ['maxMessageAge equal to the retention', { maxMessageAge: Duration.days(4) }],
  ])('accepts the edges of the ranges: %s', (_name, props) => {
    expect(() => create(props as ResilientQueueProps)).not.toThrow();
  });

  test('skips range checks for unresolved tokens', () => {
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'Retention', { type: 'Number' }).valueAsNumber;
    new ResilientQueue(stack, 'Orders', {
      retentionPeriod: Duration.seconds(seconds),
      maxReceiveCount: Token.asNumber({ Ref: 'Count' }),
      queueName: Token.asString({ Ref: 'Name' }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: { Ref: 'Retention' } });
  });
});

describe('ResilientQueue validation: names', () => {
  test('a name ending in .fifo without fifo: true is rejected', () => {
    expect(() => create({ queueName: 'orders.fifo' })).toThrow(
      /invalid queueName \("orders\.fifo"\); allowed: a name ending in "\.fifo" only together with fifo: true/);
  });

  test('characters other than letters, digits, hyphens and underscores are rejected', () => {
    expect(() => create({ queueName: 'orders queue' })).toThrow(
      /invalid queueName \("orders queue"\); allowed: letters, digits, hyphens \(-\) and underscores \(_\)/);
  });

  test('the name must leave room for "-dlq" (standard) within the 80-character SQS limit', () => {
    expect(() => create({ queueName: 'a'.repeat(76) })).not.toThrow();
    expect(() => create({ queueName: 'a'.repeat(77) })).toThrow(
      /invalid queueName \("a{77}"\); allowed: at most 76 characters before "-dlq" \(SQS queue names are at most 80 characters/);
  });

  test('the name must leave room for "-dlq.fifo" (FIFO) within the 80-character SQS limit', () => {
    expect(() => create({ fifo: true, queueName: 'a'.repeat(71) })).not.toThrow();
    expect(() => create({ fifo: true, queueName: 'a'.repeat(72) })).toThrow(/allowed: at most 71 characters before "-dlq\.fifo"/);
  });

  test('without a created DLQ the whole 80 characters are available', () => {
    expect(() => create({ queueName: 'a'.repeat(80), deadLetterQueueEnabled: false })).not.toThrow();
    expect(() => create({ queueName: 'a'.repeat(81), deadLetterQueueEnabled: false })).toThrow(/allowed: at most 80 characters before ""/);
  });

  test('generated names stay within 80 characters even for deep construct paths', () => {
    const stack = newStack(undefined, 'AVeryLongStackNameThatGoesOnAndOnForQuiteAWhile');
    const rq = new ResilientQueue(stack, 'AnEquallyLongConstructIdThatWouldOverflowTheLimit', { fifo: true });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue')).map((r: any) => r.Properties.QueueName as string);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(80);
    expect(names.some(n => n.endsWith('-dlq.fifo'))).toBe(true);
    expect(rq.fifo).toBe(true);
  });
});

describe('ResilientQueue validation: FIFO-only props', () => {
  test.each([
    ['contentBasedDeduplication', { contentBasedDeduplication: true }, /invalid contentBasedDeduplication \(true\); allowed: only on a FIFO queue \(set fifo: true\)/],
    ['deduplicationScope', { deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP },
      /invalid deduplicationScope \("messageGroup"\); allowed: only on a FIFO queue \(set fifo: true\)/],
    ['fifoThroughputLimit', { fifoThroughputLimit: sqs.FifoThroughputLimit.PER_QUEUE },
      /invalid fifoThroughputLimit \("perQueue"\); allowed: only on a FIFO queue \(set fifo: true\)/],
  ])('%s on a standard queue is rejected', (_prop, props, message) => {
    expect(() => create(props as ResilientQueueProps)).toThrow(message);
  });

  test('contentBasedDeduplication: false on a standard queue is harmless and accepted', () => {
    expect(() => create({ contentBasedDeduplication: false })).not.toThrow();
  });

  test('per-message-group throughput without message-group deduplication is rejected (SQS API rule)', () => {
    expect(() => create({ fifo: true, fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID })).toThrow(
      /invalid fifoThroughputLimit \("perMessageGroupId"\); allowed: perMessageGroupId only with deduplicationScope MESSAGE_GROUP \(got the default, queue\)/);
    expect(() => create({
      fifo: true,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      deduplicationScope: sqs.DeduplicationScope.QUEUE,
    })).toThrow(/perMessageGroupId only with deduplicationScope MESSAGE_GROUP \(got queue\)/);
  });
});

describe('ResilientQueue validation: encryption', () => {
  test('UNENCRYPTED is rejected: secure by default', () => {
    expect(() => create({ encryption: sqs.QueueEncryption.UNENCRYPTED })).toThrow(
      /invalid encryption \("UNENCRYPTED"\); allowed: SQS_MANAGED, KMS_MANAGED or KMS: this construct is secure by default/);
  });

  test('a key with a non-KMS encryption is rejected', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    expect(() => new ResilientQueue(stack, 'Orders', { encryption: sqs.QueueEncryption.SQS_MANAGED, encryptionMasterKey: key })).toThrow(
      /invalid encryption \("SQS_MANAGED"\); allowed: KMS \(or left out\) when encryptionMasterKey is given/);
  });

  test('dataKeyReuse with SQS-managed encryption is rejected', () => {
    expect(() => create({ dataKeyReuse: Duration.minutes(10) })).toThrow(
      /invalid dataKeyReuse \(10 minutes\); allowed: only with KMS or KMS_MANAGED encryption/);
  });
});

describe('ResilientQueue validation: dead-letter queue', () => {
  test.each([
    ['maxReceiveCount', { maxReceiveCount: 3 }, /invalid maxReceiveCount \(3\); allowed: only when deadLetterQueueEnabled is not false/],
    ['deadLetterQueueRetentionPeriod', { deadLetterQueueRetentionPeriod: Duration.days(3) },
      /invalid deadLetterQueueRetentionPeriod \(3 days\); allowed: only when deadLetterQueueEnabled is not false/],
    ['dlqAlarmEnabled', { dlqAlarmEnabled: true }, /invalid dlqAlarmEnabled \(true\); allowed: only when deadLetterQueueEnabled is not false/],
  ])('%s with deadLetterQueueEnabled: false is rejected', (_prop, props, message) => {
    expect(() => create({ deadLetterQueueEnabled: false, ...props } as ResilientQueueProps)).toThrow(message);
  });

  test('a supplied DLQ with deadLetterQueueEnabled: false is rejected', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueueEnabled: false, deadLetterQueue: dlq })).toThrow(
      /invalid deadLetterQueue \("TestStack\/Dlq"\); allowed: only when deadLetterQueueEnabled is not false/);
  });

  test('deadLetterQueueRetentionPeriod with a supplied DLQ is rejected', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueue: dlq, deadLetterQueueRetentionPeriod: Duration.days(14) })).toThrow(
      /invalid deadLetterQueueRetentionPeriod \(14 days\); allowed: only for the dead-letter queue the construct creates/);
  });

  test('a standard DLQ for a FIFO queue is rejected', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    expect(() => new ResilientQueue(stack, 'Orders', { fifo: true, deadLetterQueue: dlq })).toThrow(
      /invalid deadLetterQueue \("standard queue TestStack\/Dlq"\); allowed: a FIFO queue, the same type as the source queue/);
  });

  test('a FIFO DLQ for a standard queue is rejected', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { fifo: true });
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueue: dlq })).toThrow(
      /invalid deadLetterQueue \("FIFO queue TestStack\/Dlq"\); allowed: a standard queue, the same type as the source queue/);
  });

  test('another ResilientQueue\'s queue of the wrong type is rejected', () => {
    const stack = newStack();
    const fifoDlq = new ResilientQueue(stack, 'Shared', { fifo: true, deadLetterQueueEnabled: false });
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueue: fifoDlq.queue })).toThrow(/allowed: a standard queue, the same type/);
  });

  test('an imported DLQ whose ARN ends in .fifo is rejected for a standard queue', () => {
    const stack = newStack();
    const dlq = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:us-east-1:123456789012:shared-dlq.fifo');
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueue: dlq })).toThrow(
      /invalid deadLetterQueue \("FIFO queue TestStack\/Dlq"\); allowed: a standard queue/);
  });

  test('an imported standard DLQ (literal ARN) is rejected for a FIFO queue', () => {
    const stack = newStack();
    const dlq = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:us-east-1:123456789012:shared-dlq');
    expect(() => new ResilientQueue(stack, 'Orders', { fifo: true, deadLetterQueue: dlq })).toThrow(/allowed: a FIFO queue/);
  });

  test('a DLQ imported from a token ARN with fifo: true is rejected for a standard queue', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'DlqArn').valueAsString;
    const dlq = sqs.Queue.fromQueueAttributes(stack, 'Dlq', { queueArn: arn, fifo: true });
    expect(() => new ResilientQueue(stack, 'Orders', { deadLetterQueue: dlq })).toThrow(/allowed: a standard queue/);
  });

  test('a DLQ imported from a token ARN without fifo is of unknown type and accepted for a FIFO queue', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'DlqArn').valueAsString;
    const dlq = sqs.Queue.fromQueueAttributes(stack, 'Dlq', { queueArn: arn });
    expect(() => new ResilientQueue(stack, 'Orders', { fifo: true, deadLetterQueue: dlq })).not.toThrow();
  });

  test('a standard DLQ that would expire messages before the source does is rejected', () => {
    expect(() => create({ retentionPeriod: Duration.days(7), deadLetterQueueRetentionPeriod: Duration.days(6) })).toThrow(
      /invalid deadLetterQueueRetentionPeriod \(6 days\); allowed: at least the source queue's retentionPeriod \(7 days\)/);
  });

  test('a FIFO DLQ may be shorter than the source (SQS resets the enqueue time of FIFO dead letters)', () => {
    expect(() => create({ fifo: true, retentionPeriod: Duration.days(7), deadLetterQueueRetentionPeriod: Duration.days(6) })).not.toThrow();
  });
});
