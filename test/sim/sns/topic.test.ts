import { snsFixture, sqsSubscription, topic, topicArn } from './helpers';

describe('AWS::SNS::Topic', () => {
  test('a standard topic name is 1-256 letters, digits, hyphens and underscores', () => {
    const f = snsFixture();
    expect(() => f.load(topic('Ok', { TopicName: 'orders_topic-1' }))).not.toThrow();
    expect(() => snsFixture().load(topic('Bad', { TopicName: 'orders.topic' }))).toThrow('Bad: Invalid parameter: Topic Name');
    expect(() => snsFixture().load(topic('Long', { TopicName: 'a'.repeat(257) }))).toThrow('Invalid parameter: Topic Name');
  });

  test('a FIFO topic name must end with .fifo (FIFO topic naming rules)', () => {
    expect(() => snsFixture().load(topic('Fifo', { FifoTopic: true, TopicName: 'orders.fifo' }))).not.toThrow();
    expect(() => snsFixture().load(topic('Fifo', { FifoTopic: 'true', TopicName: 'orders' })))
      .toThrow('Fifo Topic names must end with .fifo');
  });

  test('ContentBasedDeduplication can only be set on FIFO topics', () => {
    expect(() => snsFixture().load(topic('Std', { ContentBasedDeduplication: true })))
      .toThrow('ContentBasedDeduplication can only be set for FIFO topics');
    expect(() => snsFixture().load(topic('Fifo', { FifoTopic: true, ContentBasedDeduplication: 'true' }))).not.toThrow();
  });

  test('FifoThroughputScope accepts Topic or MessageGroup, on FIFO topics only', () => {
    expect(() => snsFixture().load(topic('Fifo', { FifoTopic: true, FifoThroughputScope: 'MessageGroup' }))).not.toThrow();
    expect(() => snsFixture().load(topic('Fifo', { FifoTopic: true, FifoThroughputScope: 'Queue' }))).toThrow('FifoThroughputScope: Invalid value [Queue]');
    expect(() => snsFixture().load(topic('Std', { FifoThroughputScope: 'Topic' }))).toThrow('FifoThroughputScope can only be set for FIFO topics');
  });

  test('the handle exposes the TopicArn CloudFormation forms', () => {
    const f = snsFixture();
    f.load(topic('Orders'));
    expect(f.sns.handle('Orders').topicArn).toBe(topicArn('Orders'));
    expect(() => f.sns.handle('Missing')).toThrow("no topic with logical id 'Missing'");
  });

  test('inline Subscription entries of a topic subscribe like AWS::SNS::Subscription resources', async () => {
    const f = snsFixture();
    f.load(topic('Orders', { Subscription: [{ Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q1' }] }));
    await f.sns.handle('Orders').publish({ Message: 'hello' });
    expect(f.ctx.deliveries.map(d => d.target)).toEqual(['arn:aws:sqs:us-east-1:123456789012:q1']);
  });

  test('archiving is reported as not simulated, not ignored; encryption (KmsMasterKeyId) is simulated through the key checks', () => {
    const reported: string[] = [];
    const f = snsFixture();
    (f.ctx as { reportUnsupported?: unknown }).reportUnsupported = (_id: string, _type: string, reason: string) => reported.push(reason);
    f.load(topic('Orders', { KmsMasterKeyId: 'alias/aws/sns', ArchivePolicy: { MessageRetentionPeriod: 30 } }));
    expect(reported.some(r => r.startsWith('KmsMasterKeyId'))).toBe(false);
    expect(reported.some(r => r.startsWith('ArchivePolicy'))).toBe(true);
  });

  test('a subscription whose topic is declared later in the template is attached at link time', async () => {
    const f = snsFixture();
    f.load(sqsSubscription('Sub', 'Late', 'q1'), topic('Late'));
    await f.sns.handle('Late').publish({ Message: 'hi' });
    expect(f.ctx.deliveries).toHaveLength(1);
  });
});
