import { snsFixture, sqsSubscription, topic, topicArn } from './helpers';

describe('TopicHandle: the SDK v3 shapes and the handle naming convention', () => {
  test('Publish and PublishBatch responses carry $metadata, as every SDK v3 response does', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    const handle = f.sns.handle('Orders');
    const single = await handle.publish({ Message: 'one' });
    expect(single).toEqual({
      $metadata: { httpStatusCode: 200, requestId: expect.any(String), attempts: 1, totalRetryDelay: 0 },
      MessageId: expect.any(String),
    });
    const batch = await handle.publishBatch({ PublishBatchRequestEntries: [{ Id: 'a', Message: 'two' }, { Id: 'b', Message: '' }] });
    expect(batch.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.any(String) });
    expect(batch.Successful.map(e => e.Id)).toEqual(['a']);
    expect(batch.Failed.map(e => e.Id)).toEqual(['b']);
    expect(single.$metadata.requestId).not.toBe(batch.$metadata.requestId);
  });

  test('handle properties are camelCase (topicArn, topicName, logicalId); response fields are PascalCase', () => {
    const f = snsFixture();
    f.load(topic('Orders', { TopicName: 'orders' }));
    const handle = f.sns.handle('Orders');
    expect([handle.topicArn, handle.topicName, handle.logicalId, handle.fifo]).toEqual([topicArn('orders'), 'orders', 'Orders', false]);
  });
});
