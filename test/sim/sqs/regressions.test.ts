/**
 * Defects of the queue tuned for a throughput benchmark (issue 10, section 3), pinned so they stay fixed. Each one
 * broke an SQS rule through shared storage: a message's metadata, its identity, or the id SendMessage returns.
 */
import { sqsWith } from './helpers';
import { validateMessage } from '../../../src/sim/sqs/message-validation';

describe('regressions of the throughput-tuned queue', () => {
  test('snapshot() reports the group id of a visible message sent with a MessageGroupId to a standard queue', async () => {
    // A message kept in the old waiting-slot storage lost its group id in snapshot().
    const { sqs } = sqsWith({ Q: {} });
    await sqs.handle('Q').sendMessage({ MessageBody: 'grouped', MessageGroupId: 'tenant-1' });
    await sqs.handle('Q').sendMessage({ MessageBody: 'plain' });
    expect(sqs.queue('Q').snapshot()).toEqual([
      expect.objectContaining({ state: 'visible', groupId: 'tenant-1', receiveCount: 0 }),
      expect.objectContaining({ state: 'visible', groupId: undefined, receiveCount: 0 }),
    ]);
    const [m] = (await sqs.handle('Q').receiveMessage({ MessageSystemAttributeNames: ['MessageGroupId'] })).Messages!;
    expect(m.Attributes).toEqual({ MessageGroupId: 'tenant-1' });
  });

  test('each send returns its own outcome: a caller that keeps two results sees two message ids (SendMessage MessageId)', async () => {
    // enqueue used to return one shared buffer, so the first result showed the second message's id once read later.
    const { sqs } = sqsWith({ Q: {} });
    const queue = sqs.queue('Q');
    const first = queue.send(validateMessage({ MessageBody: 'first' }, queue.config, true), 'sender');
    const second = queue.send(validateMessage({ MessageBody: 'second' }, queue.config, true), 'sender');
    expect(first.messageId).not.toBe(second.messageId);
    const received = (await sqs.handle('Q').receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(received.map(m => [m.Body, m.MessageId])).toEqual([['first', first.messageId], ['second', second.messageId]]);
  });

  test('a consumer that sends from its message-available listener does not change the MessageId the first send returns', async () => {
    // The listener ran while the first send's id was still in a shared buffer, and its own send overwrote it.
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    let inner: Promise<{ MessageId?: string }> | undefined;
    let sent = false;
    sqs.queue('Q').onMessageAvailable(() => {
      if (sent) return;
      sent = true;
      inner = q.sendMessage({ MessageBody: 'from the listener' });
    });
    const outer = await q.sendMessage({ MessageBody: 'outer' });
    const innerId = (await inner!).MessageId;
    expect(outer.MessageId).not.toBe(innerId);
    const received = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(Object.fromEntries(received.map(m => [m.Body, m.MessageId]))).toEqual({ 'outer': outer.MessageId, 'from the listener': innerId });
  });
});
