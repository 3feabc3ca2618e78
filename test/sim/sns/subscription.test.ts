import { functionArn, queueArn, snsFixture, sqsSubscription, streamArn, subscription, topic } from './helpers';

const fifoTopic = () => topic('Prices', { FifoTopic: true, TopicName: 'Prices.fifo' });

describe('AWS::SNS::Subscription validation (the Subscribe call CloudFormation makes)', () => {
  test('an unknown protocol is refused', () => {
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'carrier-pigeon', Endpoint: 'x' })))
      .toThrow('S: Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon');
  });

  test('HTTP/S endpoints must match the protocol; SQS, Lambda and Firehose endpoints must be ARNs', () => {
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'https', Endpoint: 'http://example.com' })))
      .toThrow('Invalid parameter: Endpoint must match the specified protocol');
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'sqs', Endpoint: 'https://sqs.us-east-1.amazonaws.com/1/q' })))
      .toThrow('Invalid parameter: SQS endpoint ARN');
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'lambda', Endpoint: 'my-function' })))
      .toThrow('Invalid parameter: Lambda endpoint ARN');
  });

  test('a FIFO topic delivers to FIFO and standard SQS queues (sns-fifo-topics)', () => {
    expect(() => snsFixture().load(fifoTopic(),
      subscription('Fifo', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('wholesale.fifo') }),
      subscription('Std', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('analytics') }))).not.toThrow();
  });

  test('a FIFO topic refuses non-SQS subscriptions', () => {
    expect(() => snsFixture().load(fifoTopic(), subscription('Fn', 'Prices.fifo', { Protocol: 'lambda', Endpoint: functionArn('f') })))
      .toThrow('FIFO topics support only Amazon SQS subscriptions, not lambda');
    expect(() => snsFixture().load(fifoTopic(), subscription('Mail', 'Prices.fifo', { Protocol: 'email', Endpoint: 'a@example.com' })))
      .toThrow('FIFO topics support only Amazon SQS subscriptions, not email');
  });

  test('a standard topic cannot deliver to a FIFO queue', () => {
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'orders.fifo')))
      .toThrow('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
  });

  test('raw message delivery is supported for SQS, HTTP/S and Firehose only', () => {
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'lambda', Endpoint: functionArn('f'), RawMessageDelivery: true })))
      .toThrow('Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery.');
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'email', Endpoint: 'a@example.com', RawMessageDelivery: 'true' })))
      .toThrow('Delivery protocol [email] does not support raw message delivery.');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { RawMessageDelivery: 'maybe' })))
      .toThrow('RawMessageDelivery: Invalid value [maybe]. Must be true or false.');
  });

  test('an invalid filter policy fails the load with the reason SNS gives', () => {
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { FilterPolicy: { a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'], f: ['6'] } })))
      .toThrow('S: Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more than 5 keys');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { FilterPolicy: { object: { key: ['a'] } } })))
      .toThrow('Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { FilterPolicy: { object: { key: ['a'] } }, FilterPolicyScope: 'MessageBody' })))
      .not.toThrow();
  });

  test('FilterPolicyScope accepts MessageAttributes or MessageBody', () => {
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { FilterPolicyScope: 'RandomValue' })))
      .toThrow('FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes');
  });

  test('a filter policy given as a JSON string is accepted like an object', () => {
    const f = snsFixture();
    f.load(topic('T'), sqsSubscription('S', 'T', 'q', { FilterPolicy: '{"store":["example_corp"]}' }));
    expect(f.sns.subscription('S')?.filterPolicy?.json).toBe('{"store":["example_corp"]}');
  });

  test('the RedrivePolicy dead-letter queue is an SQS queue in the same account and Region', () => {
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { RedrivePolicy: { deadLetterTargetArn: 'not-an-arn' } })))
      .toThrow('RedrivePolicy: deadLetterTargetArn is an invalid arn');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' } })))
      .toThrow('the dead-letter queue must be in the same account and Region as the subscription');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }) })))
      .not.toThrow();
  });

  test('FIFO topic subscriptions use FIFO dead-letter queues and standard topic subscriptions standard ones', () => {
    expect(() => snsFixture().load(fifoTopic(), subscription('S', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('q.fifo'), RedrivePolicy: { deadLetterTargetArn: queueArn('dlq') } })))
      .toThrow('a FIFO topic subscription needs an Amazon SQS FIFO queue as its dead-letter queue');
    expect(() => snsFixture().load(topic('T'), sqsSubscription('S', 'T', 'q', { RedrivePolicy: { deadLetterTargetArn: queueArn('dlq.fifo') } })))
      .toThrow('a standard topic subscription cannot use an Amazon SQS FIFO queue as its dead-letter queue');
  });

  test('a Firehose subscription needs a SubscriptionRoleArn', () => {
    expect(() => snsFixture().load(topic('T'), subscription('S', 'T', { Protocol: 'firehose', Endpoint: streamArn('s') })))
      .toThrow('SubscriptionRoleArn is required for firehose subscriptions');
  });

  test('mobile push (application) subscriptions and unknown topics are reported as not simulated', () => {
    const reported: string[] = [];
    const f = snsFixture();
    (f.ctx as { reportUnsupported?: unknown }).reportUnsupported = (id: string, _type: string, reason: string) => reported.push(`${id}: ${reason}`);
    f.load(topic('T'),
      subscription('Push', 'T', { Protocol: 'application', Endpoint: 'arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1' }),
      sqsSubscription('Elsewhere', 'arn:aws:sns:us-east-1:999999999999:other', 'q'));
    expect(reported).toEqual([
      'Push: not simulated: protocol application (mobile push) has no simulated endpoint',
      'Elsewhere: not simulated: topic arn:aws:sns:us-east-1:999999999999:other is not in this template',
    ]);
  });
});
