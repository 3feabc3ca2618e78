import { createHash } from 'node:crypto';
import { snsFixture, sqsBodies, sqsSubscription, topic, topicArn } from './helpers';
import { AwsError } from '../../../src/sim/kernel';

async function rejects(p: Promise<unknown>): Promise<AwsError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error('expected the call to be rejected');
}

function standard() {
  const f = snsFixture();
  f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
  return { ...f, topic: f.sns.handle('Orders') };
}

describe('Publish (API_Publish)', () => {
  test('returns a MessageId and records a published event', async () => {
    const { topic: t, ctx } = standard();
    const out = await t.publish({ Message: 'hello' });
    expect(out.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.SequenceNumber).toBeUndefined();
    expect(ctx.trace.filter({ type: 'published' })).toEqual([expect.objectContaining({ resource: 'Orders', detail: { messageId: out.MessageId } })]);
  });

  test('an empty message is refused with InvalidParameter', async () => {
    const { topic: t } = standard();
    const e = await rejects(t.publish({ Message: '' }));
    expect(e.name).toBe('InvalidParameterException');
    expect(e.Code).toBe('InvalidParameter');
    expect(e.message).toBe('Invalid parameter: Empty message');
    expect((await rejects(t.publish({ Message: undefined }))).message).toBe('Invalid parameter: Empty message');
  });

  test('a Subject must be under 100 characters without line breaks or control characters', async () => {
    const { topic: t } = standard();
    await expect(t.publish({ Message: 'm', Subject: 's'.repeat(99) })).resolves.toBeDefined();
    expect((await rejects(t.publish({ Message: 'm', Subject: 's'.repeat(100) }))).message).toBe('Invalid parameter: Subject');
    expect((await rejects(t.publish({ Message: 'm', Subject: 'two\nlines' }))).message).toBe('Invalid parameter: Subject');
    expect((await rejects(t.publish({ Message: 'm', Subject: '' }))).message).toBe('Invalid parameter: Subject');
  });

  test('the message plus all attribute names, types and values may be at most 256 KiB', async () => {
    const { topic: t } = standard();
    await expect(t.publish({ Message: 'x'.repeat(262_144) })).resolves.toBeDefined();
    expect((await rejects(t.publish({ Message: 'x'.repeat(262_145) }))).message).toBe('Invalid parameter: Message too long');
    const attrs = { a: { DataType: 'String', StringValue: 'y' } }; // 1 + 6 + 1 bytes
    await expect(t.publish({ Message: 'x'.repeat(262_144 - 8), MessageAttributes: attrs })).resolves.toBeDefined();
    expect((await rejects(t.publish({ Message: 'x'.repeat(262_144 - 7), MessageAttributes: attrs }))).message).toBe('Invalid parameter: Message too long');
  });

  test.each<[string, Record<string, any>, string, string]>([
    ['a data type without the String, Number or Binary prefix', { a: { DataType: 'Text', StringValue: 'x' } }, 'InvalidParameterValueException',
      "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."],
    ['an empty value', { a: { DataType: 'String', StringValue: '' } }, 'InvalidParameterValueException',
      "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'."],
    ['a value in the wrong field', { a: { DataType: 'Binary', StringValue: 'x' } }, 'InvalidParameterValueException',
      "The message attribute 'a' with type 'Binary' must use field 'Binary'."],
    ['a Number that is not a number', { a: { DataType: 'Number', StringValue: 'ten' } }, 'InvalidParameterValueException',
      "Could not cast message attribute 'a' value to number."],
    ['a String.Array that is not a JSON array', { a: { DataType: 'String.Array', StringValue: 'x,y' } }, 'InvalidParameterValueException',
      "The message attribute 'a' with type 'String.Array' must contain a JSON array."],
    ['a name with a character outside letters, digits, _, - and .', { 'a b': { DataType: 'String', StringValue: 'x' } }, 'InvalidParameterValueException',
      "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."],
    ['a name starting with a dot', { '.a': { DataType: 'String', StringValue: 'x' } }, 'InvalidParameterValueException',
      "Invalid message attribute name starting with character '.' was found."],
    ['a name with successive dots', { 'a..b': { DataType: 'String', StringValue: 'x' } }, 'InvalidParameterValueException',
      "Message attribute name can not have successive '.' character."],
    ['a missing data type', { a: { StringValue: 'x' } }, 'ValidationError',
      "1 validation error detected: Value null at 'messageAttributes.a.member.dataType' failed to satisfy constraint: Member must not be null"],
  ])('message attributes: %s is refused (sns-message-attributes)', async (_name, attrs, errorName, message) => {
    const { topic: t } = standard();
    const e = await rejects(t.publish({ Message: 'm', MessageAttributes: attrs }));
    expect([e.name, e.message]).toEqual([errorName, message]);
  });

  test('custom type labels, String.Array, Number and Binary attributes are accepted', async () => {
    const { topic: t } = standard();
    await expect(t.publish({
      Message: 'm',
      MessageAttributes: {
        a: { DataType: 'String.custom', StringValue: 'x' },
        b: { DataType: 'String.Array', StringValue: '["x", 1, true, null]' },
        c: { DataType: 'Number', StringValue: '-1.5e3' },
        d: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
      },
    })).resolves.toBeDefined();
  });

  test('a handle publishes only to its own topic', async () => {
    const { topic: t } = standard();
    await expect(t.publish({ TopicArn: topicArn('Orders'), Message: 'm' })).resolves.toBeDefined();
    expect((await rejects(t.publish({ TopicArn: topicArn('Other'), Message: 'm' }))).message).toBe('Invalid parameter: TopicArn');
  });

  test('MessageDeduplicationId is not valid on a standard topic', async () => {
    const { topic: t } = standard();
    expect((await rejects(t.publish({ Message: 'm', MessageDeduplicationId: 'd' }))).message)
      .toBe('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  });

  test('MessageStructure json sends each protocol its own message, with a required default', async () => {
    const { topic: t, ctx } = standard();
    await t.publish({ Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues', email: 42 }), MessageStructure: 'json' });
    expect(JSON.parse(sqsBodies(ctx, 'q1')[0]).Message).toBe('for queues');
    expect((await rejects(t.publish({ Message: '{"sqs": "x"}', MessageStructure: 'json' }))).message)
      .toBe('Invalid parameter: Message Structure - No default entry in JSON message body');
    expect((await rejects(t.publish({ Message: 'not json', MessageStructure: 'json' }))).message)
      .toBe('Invalid parameter: Message Structure - JSON message body failed to parse');
  });
});

describe('PublishBatch (API_PublishBatch)', () => {
  const entry = (Id: string, Message = `m-${Id}`) => ({ Id, Message });

  test('publishes each entry and reports it in Successful with its MessageId', async () => {
    const { topic: t, ctx } = standard();
    const out = await t.publishBatch({ PublishBatchRequestEntries: [entry('a'), entry('b')] });
    expect(out.Successful.map(s => s.Id)).toEqual(['a', 'b']);
    expect(out.Failed).toEqual([]);
    expect(sqsBodies(ctx, 'q1').map(b => JSON.parse(b).Message)).toEqual(['m-a', 'm-b']);
  });

  test('at most 10 entries', async () => {
    const { topic: t } = standard();
    const e = await rejects(t.publishBatch({ PublishBatchRequestEntries: Array.from({ length: 11 }, (_, i) => entry(`e${i}`)) }));
    expect([e.name, e.message]).toEqual(['TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.']);
  });

  test('at least one entry', async () => {
    const { topic: t } = standard();
    const e = await rejects(t.publishBatch({ PublishBatchRequestEntries: [] }));
    expect([e.name, e.message]).toEqual(['EmptyBatchRequestException', "The batch request doesn't contain any entries."]);
  });

  test('entry ids must be distinct and well formed', async () => {
    const { topic: t } = standard();
    const dup = await rejects(t.publishBatch({ PublishBatchRequestEntries: [entry('a'), entry('a')] }));
    expect([dup.name, dup.message]).toEqual(['BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.']);
    const bad = await rejects(t.publishBatch({ PublishBatchRequestEntries: [entry('a b')] }));
    expect(bad.name).toBe('InvalidBatchEntryIdException');
  });

  test('all messages together may be at most 256 KiB', async () => {
    const { topic: t } = standard();
    const e = await rejects(t.publishBatch({ PublishBatchRequestEntries: [entry('a', 'x'.repeat(200_000)), entry('b', 'x'.repeat(100_000))] }));
    expect([e.name, e.message]).toEqual(['BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.']);
  });

  test('an invalid entry fails on its own in Failed while the others are published', async () => {
    const { topic: t, ctx } = standard();
    const out = await t.publishBatch({ PublishBatchRequestEntries: [entry('good'), { Id: 'bad', Message: '' }, entry('also-good')] });
    expect(out.Successful.map(s => s.Id)).toEqual(['good', 'also-good']);
    expect(out.Failed).toEqual([{ Id: 'bad', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
    expect(sqsBodies(ctx, 'q1')).toHaveLength(2);
  });
});

describe('FIFO topics (sns-fifo-topics)', () => {
  function fifo(properties: Record<string, any> = {}) {
    const f = snsFixture();
    f.load(topic('Prices', { FifoTopic: true, TopicName: 'Prices.fifo', ...properties }),
      sqsSubscription('Sub', 'Prices.fifo', 'wholesale.fifo'));
    return { ...f, topic: f.sns.handle('Prices') };
  }

  test('MessageGroupId is required', async () => {
    const { topic: t } = fifo();
    expect((await rejects(t.publish({ Message: 'm', MessageDeduplicationId: 'd' }))).message)
      .toBe('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  });

  test('a MessageDeduplicationId is required unless ContentBasedDeduplication is on', async () => {
    const { topic: t } = fifo();
    expect((await rejects(t.publish({ Message: 'm', MessageGroupId: 'g' }))).message)
      .toBe('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const cbd = fifo({ ContentBasedDeduplication: true });
    await expect(cbd.topic.publish({ Message: 'm', MessageGroupId: 'g' })).resolves.toBeDefined();
  });

  test('each message gets a SequenceNumber that increases', async () => {
    const { topic: t } = fifo();
    const a = await t.publish({ Message: 'm1', MessageGroupId: 'g', MessageDeduplicationId: '1' });
    const b = await t.publish({ Message: 'm2', MessageGroupId: 'g', MessageDeduplicationId: '2' });
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(b.SequenceNumber as string)).toBeGreaterThan(BigInt(a.SequenceNumber as string));
  });

  test('a duplicate within five minutes is accepted but not delivered again; after five minutes it is delivered', async () => {
    const { topic: t, ctx } = fifo();
    const first = await t.publish({ Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'order-1' });
    await ctx.advance(4 * 60 * 1000);
    const again = await t.publish({ Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'order-1' });
    expect(again.MessageId).toBe(first.MessageId);
    expect(sqsBodies(ctx, 'wholesale.fifo')).toHaveLength(1);
    expect(ctx.trace.filter({ type: 'deduplicated' })).toHaveLength(1);
    await ctx.advance(60 * 1000);
    const later = await t.publish({ Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'order-1' });
    expect(later.MessageId).not.toBe(first.MessageId);
    expect(sqsBodies(ctx, 'wholesale.fifo')).toHaveLength(2);
  });

  test('content-based deduplication uses a SHA-256 hash of the message body', async () => {
    const { topic: t, ctx } = fifo({ ContentBasedDeduplication: true });
    await t.publish({ Message: 'same', MessageGroupId: 'g1' });
    await t.publish({ Message: 'same', MessageGroupId: 'g2', MessageAttributes: { a: { DataType: 'String', StringValue: 'different' } } });
    await t.publish({ Message: 'other', MessageGroupId: 'g1' });
    expect(sqsBodies(ctx, 'wholesale.fifo').map(b => JSON.parse(b).Message)).toEqual(['same', 'other']);
    const payload = ctx.deliveries[0].payload as { messageDeduplicationId: string };
    expect(payload.messageDeduplicationId).toBe(createHash('sha256').update('same').digest('hex'));
  });

  test('with FifoThroughputScope MessageGroup, deduplication happens within each message group', async () => {
    const { topic: t, ctx } = fifo({ FifoThroughputScope: 'MessageGroup' });
    await t.publish({ Message: 'm', MessageGroupId: 'g1', MessageDeduplicationId: 'd' });
    await t.publish({ Message: 'm', MessageGroupId: 'g2', MessageDeduplicationId: 'd' });
    await t.publish({ Message: 'm', MessageGroupId: 'g1', MessageDeduplicationId: 'd' });
    expect(sqsBodies(ctx, 'wholesale.fifo')).toHaveLength(2);
  });

  test('messages of a message group reach the queue in publish order, with increasing SequenceNumbers (FIFO ordering)', async () => {
    const { topic: t, ctx } = fifo({ ContentBasedDeduplication: true });
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const group = `g${i % 3}`;
      await t.publish({ Message: `${group}-${i}`, MessageGroupId: group });
      sent.push(`${group}-${i}`);
    }
    const bodies = sqsBodies(ctx, 'wholesale.fifo').map(b => JSON.parse(b) as { Message: string; SequenceNumber: string });
    expect(bodies.map(b => b.Message)).toEqual(sent);
    const sequence = bodies.map(b => BigInt(b.SequenceNumber));
    expect(sequence.every((n, i) => i === 0 || n > sequence[i - 1])).toBe(true);
    const groups = ctx.deliveries.map(d => (d.payload as { messageGroupId: string }).messageGroupId);
    expect(groups).toEqual(sent.map(m => m.split('-')[0]));
  });

  test('PublishBatch entries of a FIFO topic return their SequenceNumber', async () => {
    const { topic: t } = fifo();
    const out = await t.publishBatch({
      PublishBatchRequestEntries: [
        { Id: 'a', Message: 'm1', MessageGroupId: 'g', MessageDeduplicationId: '1' },
        { Id: 'b', Message: 'm2', MessageGroupId: 'g' },
      ],
    });
    expect(out.Successful).toEqual([{ Id: 'a', MessageId: expect.any(String), SequenceNumber: expect.stringMatching(/^\d{20}$/) }]);
    expect(out.Failed.map(f => f.Id)).toEqual(['b']);
  });
});
