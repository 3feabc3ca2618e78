/**
 * End to end on the library's constructs: a FIFO FanoutTopic delivering to FIFO queues keeps each message group in
 * order in every queue, deduplicates within the 5-minute window, and blocks a group while one of its messages is in
 * flight.
 */
import { App, Stack } from 'aws-cdk-lib';
import { FanoutTopic } from '../../../src/fanout';
import { Simulator } from '../../../src/sim';

function build(contentBasedDeduplication = false) {
  const stack = new Stack(new App(), 'Ledger', { env: { account: '123456789012', region: 'us-east-1' } });
  const ledger = new FanoutTopic(stack, 'Ledger', { fifo: true, contentBasedDeduplication });
  const billing = ledger.addQueue('Billing', { rawMessageDelivery: true });
  const audit = ledger.addQueue('Audit', { rawMessageDelivery: true });
  return { stack, ledger, billing, audit };
}

describe('FIFO fanout (FanoutTopic fifo: true)', () => {
  test('every queue receives each message group in publish order', async () => {
    const { stack, ledger, billing, audit } = build();
    const sim = Simulator.fromStack(stack);
    expect(sim.topic(ledger).topicArn).toMatch(/\.fifo$/);
    let n = 0;
    for (const [group, body] of [['acct-1', 'a1'], ['acct-2', 'b1'], ['acct-1', 'a2'], ['acct-2', 'b2'], ['acct-1', 'a3']]) {
      await sim.topic(ledger).publish({ Message: body, MessageGroupId: group, MessageDeduplicationId: `d${n++}` });
    }
    await sim.runUntilIdle();

    for (const q of [billing, audit]) {
      const byGroup = new Map<string, string[]>();
      for (;;) {
        const got = (await sim.queue(q).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['MessageGroupId'] })).Messages ?? [];
        if (got.length === 0) break;
        for (const m of got) {
          const g = m.Attributes!.MessageGroupId;
          byGroup.set(g, [...(byGroup.get(g) ?? []), m.Body!]);
          await sim.queue(q).deleteMessage({ ReceiptHandle: m.ReceiptHandle! });
        }
      }
      expect(Object.fromEntries(byGroup)).toEqual({ 'acct-1': ['a1', 'a2', 'a3'], 'acct-2': ['b1', 'b2'] });
    }
  });

  test('a group is blocked while one of its messages is in flight; other groups are not', async () => {
    const { stack, ledger, billing } = build();
    const sim = Simulator.fromStack(stack);
    await sim.topic(ledger).publish({ Message: 'a1', MessageGroupId: 'g1', MessageDeduplicationId: '1' });
    await sim.topic(ledger).publish({ Message: 'a2', MessageGroupId: 'g1', MessageDeduplicationId: '2' });
    await sim.topic(ledger).publish({ Message: 'b1', MessageGroupId: 'g2', MessageDeduplicationId: '3' });
    await sim.runUntilIdle();

    const first = (await sim.queue(billing).receiveMessage({ MaxNumberOfMessages: 1, WaitTimeSeconds: 0 })).Messages!;
    expect(first.map(m => m.Body)).toEqual(['a1']);
    const next = (await sim.queue(billing).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })).Messages ?? [];
    expect(next.map(m => m.Body)).toEqual(['b1']);
    await sim.queue(billing).deleteMessage({ ReceiptHandle: first[0].ReceiptHandle! });
    const after = (await sim.queue(billing).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })).Messages ?? [];
    expect(after.map(m => m.Body)).toEqual(['a2']);
  });

  test('the topic deduplicates within 5 minutes (content-based when enabled); after the window the same content is new', async () => {
    const { stack, ledger, audit } = build(true);
    const sim = Simulator.fromStack(stack);
    const first = await sim.topic(ledger).publish({ Message: 'same', MessageGroupId: 'g' });
    const duplicate = await sim.topic(ledger).publish({ Message: 'same', MessageGroupId: 'g' });
    expect(duplicate.MessageId).toBe(first.MessageId);
    await sim.advance(5 * 60 * 1000 + 1);
    await sim.topic(ledger).publish({ Message: 'same', MessageGroupId: 'g' });
    await sim.runUntilIdle();
    const got = [];
    for (;;) {
      const batch = (await sim.queue(audit).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })).Messages ?? [];
      if (batch.length === 0) break;
      for (const m of batch) {
        got.push(m.Body);
        await sim.queue(audit).deleteMessage({ ReceiptHandle: m.ReceiptHandle! });
      }
    }
    expect(got).toEqual(['same', 'same']);
  });

  test('publishing to a FIFO topic without MessageGroupId fails as SNS does', async () => {
    const { stack, ledger } = build(true);
    const sim = Simulator.fromStack(stack);
    await expect(sim.topic(ledger).publish({ Message: 'x' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
