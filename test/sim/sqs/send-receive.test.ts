import { md5Hex, md5OfMessageAttributes } from '../../../src/sim/sqs/md5';
import { TEST_ACCOUNT, TEST_START } from '../fixtures';
import { expectAwsError, queueUrl, sqsWith } from './helpers';

function queue(properties: Record<string, any> = {}) {
  const fx = sqsWith({ Q: properties });
  return { ...fx, q: fx.sqs.handle('Q') };
}

describe('SendMessage / ReceiveMessage basics', () => {
  test('send returns the MessageId and MD5OfMessageBody; receive returns the body, the same digest and a receipt handle', async () => {
    const { q } = queue();
    const sent = await q.sendMessage({ MessageBody: 'derp' });
    expect(sent).toMatchObject({ MessageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), MD5OfMessageBody: '58fd9edd83341c29f1aebba81c31e257' });
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    expect(sent.$metadata.httpStatusCode).toBe(200);
    const { Messages } = await q.receiveMessage({});
    expect(Messages).toEqual([{ MessageId: sent.MessageId, ReceiptHandle: expect.any(String), MD5OfBody: sent.MD5OfMessageBody, Body: 'derp' }]);
  });

  test('the handle fills in its QueueUrl; a different QueueUrl is refused', async () => {
    const { q } = queue();
    await q.sendMessage({ QueueUrl: queueUrl('Q'), MessageBody: 'ok' });
    await expectAwsError(q.sendMessage({ QueueUrl: queueUrl('Other'), MessageBody: 'x' }), 'InvalidParameterValue');
    expect(q.queueUrl).toBe(queueUrl('Q'));
  });

  test('an empty receive returns no Messages key, as the SDK does', async () => {
    const { q } = queue();
    const res = await q.receiveMessage({ MaxNumberOfMessages: 10 });
    expect(res).not.toHaveProperty('Messages');
  });

  test('MaxNumberOfMessages is 1 to 10 (default 1)', async () => {
    const { q } = queue();
    for (let i = 0; i < 12; i++) await q.sendMessage({ MessageBody: `m${i}` });
    expect((await q.receiveMessage({})).Messages).toHaveLength(1);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages).toHaveLength(10);
    for (const bad of [0, 11, 2.5]) {
      await expectAwsError(q.receiveMessage({ MaxNumberOfMessages: bad }), 'InvalidParameterValue',
        `Value ${bad} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
    }
  });

  test('WaitTimeSeconds is 0 to 20 and VisibilityTimeout 0 to 43200 on receive', async () => {
    const { q } = queue();
    await expectAwsError(q.receiveMessage({ WaitTimeSeconds: 21 }), 'InvalidParameterValue', /WaitTimeSeconds is invalid/);
    await expectAwsError(q.receiveMessage({ VisibilityTimeout: 43_201 }), 'InvalidParameterValue', /VisibilityTimeout is invalid/);
  });

  test('a standard queue returns messages in send order when nothing else happens (deterministic simulation)', async () => {
    const { q } = queue();
    for (let i = 0; i < 5; i++) await q.sendMessage({ MessageBody: `m${i}` });
    const { Messages } = await q.receiveMessage({ MaxNumberOfMessages: 10 });
    expect(Messages!.map(m => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  test('the same seed gives the same ids (determinism)', async () => {
    const ids = async () => {
      const { q } = queue();
      const a = await q.sendMessage({ MessageBody: 'x' });
      const r = await q.receiveMessage({});
      return [a.MessageId, r.Messages![0].ReceiptHandle];
    };
    expect(await ids()).toEqual(await ids());
  });
});

describe('message body rules (SQS API reference, SendMessage)', () => {
  test('an empty or missing body is refused (MissingParameter)', async () => {
    const { q } = queue();
    await expectAwsError(q.sendMessage({ MessageBody: '' }), 'MissingParameter', 'The request must contain the parameter MessageBody.');
    await expectAwsError(q.sendMessage({} as any), 'MissingParameter');
  });

  test('characters outside #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF are refused (InvalidMessageContents)', async () => {
    const { q } = queue();
    for (const bad of ['a\u0000b', 'bell\u0007', '\uFFFE', '\uFFFF', 'lone \uD800 surrogate', '\uDC00']) {
      await expectAwsError(q.sendMessage({ MessageBody: bad }), 'InvalidMessageContents', /^Invalid characters found/);
    }
    for (const good of ['tab\there', 'line\nfeed\r', ' ~\u00e9\uD7FF\uE000\uFFFD', '😀 astral \u{10FFFF}']) {
      await expect(q.sendMessage({ MessageBody: good })).resolves.toBeDefined();
    }
  });

  test('the message (body plus attribute names, types and values) must not exceed the queue MaximumMessageSize', async () => {
    const { q } = queue({ MaximumMessageSize: 1024 });
    await q.sendMessage({ MessageBody: 'x'.repeat(1024) });
    await expectAwsError(q.sendMessage({ MessageBody: 'x'.repeat(1025) }), 'InvalidParameterValue',
      'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
    // 1000 + name (4) + type (6) + value (14) = 1024: fits; one more byte does not.
    await q.sendMessage({ MessageBody: 'x'.repeat(1000), MessageAttributes: { name: { DataType: 'String', StringValue: 'v'.repeat(14) } } });
    await expectAwsError(q.sendMessage({ MessageBody: 'x'.repeat(1000), MessageAttributes: { name: { DataType: 'String', StringValue: 'v'.repeat(15) } } }),
      'InvalidParameterValue');
    // Multi-byte characters count as their UTF-8 bytes: 342 x 3 bytes = 1026.
    await expectAwsError(q.sendMessage({ MessageBody: '€'.repeat(342) }), 'InvalidParameterValue');
  });

  test('the default limit is 1 MiB (1,048,576 bytes)', async () => {
    const { q } = queue();
    await q.sendMessage({ MessageBody: 'x'.repeat(1_048_576) });
    await expectAwsError(q.sendMessage({ MessageBody: 'x'.repeat(1_048_577) }), 'InvalidParameterValue', /shorter than 1048576 bytes/);
  });

  test('MessageDeduplicationId is not valid on a standard queue; MessageGroupId is (fair queues)', async () => {
    const { q } = queue();
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageDeduplicationId: 'd' }), 'InvalidParameterValue',
      'Value d for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.');
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'tenant-1' });
    const { Messages } = await q.receiveMessage({ MessageSystemAttributeNames: ['MessageGroupId'] });
    expect(Messages![0].Attributes).toEqual({ MessageGroupId: 'tenant-1' });
  });
});

describe('message attributes (SQS developer guide: message metadata)', () => {
  const attr = (StringValue: string, DataType = 'String') => ({ DataType, StringValue });

  test('String, Number and Binary types, with custom labels, round-trip; MD5OfMessageAttributes matches the documented digest', async () => {
    const { q } = queue();
    const MessageAttributes = {
      id: attr('2018fc74-4f77-1a5a-1be0-c2d037d5052b'),
      contentType: attr('application/json'),
      timestamp: attr('1602845432024', 'Number.java.lang.Long'),
      image: { DataType: 'Binary.png', BinaryValue: new Uint8Array([137, 80, 78, 71]) },
    };
    const sent = await q.sendMessage({ MessageBody: 'derp', MessageAttributes });
    expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(MessageAttributes as any));
    const { Messages } = await q.receiveMessage({ MessageAttributeNames: ['All'] });
    expect(Messages![0].MessageAttributes).toEqual(MessageAttributes);
    expect(Messages![0].MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });

  test('the documented digest for three String/Number attributes (b12289320bb6e494b18b645ef562b4a9)', async () => {
    const { q } = queue();
    const sent = await q.sendMessage({
      MessageBody: 'derp',
      MessageAttributes: {
        id: attr('2018fc74-4f77-1a5a-1be0-c2d037d5052b'),
        contentType: attr('application/json'),
        timestamp: attr('1602845432024', 'Number.java.lang.Long'),
      },
    });
    expect(sent.MD5OfMessageAttributes).toBe('b12289320bb6e494b18b645ef562b4a9');
  });

  test('ReceiveMessage returns only the attributes named in MessageAttributeNames (exact names, All, .*, prefix.*)', async () => {
    const { q } = queue();
    const attributes = { 'order.id': attr('1'), 'order.status': attr('new'), 'trace': attr('t') };
    for (let i = 0; i < 4; i++) await q.sendMessage({ MessageBody: `m${i}`, MessageAttributes: attributes });
    const none = (await q.receiveMessage({})).Messages![0];
    expect(none.MessageAttributes).toBeUndefined();
    expect(none.MD5OfMessageAttributes).toBeUndefined();
    const exact = (await q.receiveMessage({ MessageAttributeNames: ['trace'] })).Messages![0];
    expect(exact.MessageAttributes).toEqual({ trace: attr('t') });
    expect(exact.MD5OfMessageAttributes).toBe(md5OfMessageAttributes({ trace: attr('t') }));
    const prefix = (await q.receiveMessage({ MessageAttributeNames: ['order.*'] })).Messages![0];
    expect(Object.keys(prefix.MessageAttributes!)).toEqual(['order.id', 'order.status']);
    const all = (await q.receiveMessage({ MessageAttributeNames: ['.*'] })).Messages![0];
    expect(all.MessageAttributes).toEqual(attributes);
  });

  test('at most 10 attributes per message', async () => {
    const { q } = queue();
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, attr('v')]));
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageAttributes: eleven }), 'InvalidParameterValue',
      'Number of message attributes [11] exceeds the allowed maximum [10].');
    delete (eleven as any).a10;
    await q.sendMessage({ MessageBody: 'x', MessageAttributes: eleven });
  });

  test.each([
    ['invalid characters', 'öther', /Attribute name can contain A-Z, a-z, 0-9, underscore/],
    ['a reserved AWS. prefix', 'AWS.thing', /reserved for internal use/],
    ['a reserved Amazon. prefix (any casing)', 'aMaZoN.thing', /reserved for internal use/],
    ['a leading period', '.x', /must not begin with character '.'/],
    ['a trailing period', 'x.', /must not end with character '.'/],
    ['successive periods', 'a..b', /must not have successive '.' characters/],
    ['more than 256 characters', 'a'.repeat(257), /shorter than 256 bytes/],
  ])('attribute names: %s is refused', async (_what, name, message) => {
    const { q } = queue();
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageAttributes: { [name]: attr('v') } }), 'InvalidParameterValue', message);
  });

  test.each([
    ['a missing DataType', { StringValue: 'v' }, /must contain a non-empty message attribute type/],
    ['an unknown type prefix', { DataType: 'Text', StringValue: 'v' }, /supported type prefixes: Binary, Number, String/],
    ['a String without StringValue', { DataType: 'String' }, /must use field 'String'/],
    ['a Binary without BinaryValue', { DataType: 'Binary', StringValue: 'v' }, /must use field 'Binary'/],
    ['an empty value', { DataType: 'String', StringValue: '' }, /must contain a non-empty value/],
    ['a Number that is not a number', { DataType: 'Number', StringValue: '12a' }, /Can't cast the value .* to a number/],
    ['a Number with more than 38 digits', { DataType: 'Number', StringValue: '1'.repeat(39) }, /to a number/],
    ['list values (reserved for future use)', { DataType: 'String', StringListValues: ['a'] }, /reserved for future use/],
  ])('attribute values: %s is refused', async (_what, value, message) => {
    const { q } = queue();
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageAttributes: { a: value as any } }), 'InvalidParameterValue', message);
  });

  test('Number values within 38 digits and 10^-128..10^126 are accepted', async () => {
    const { q } = queue();
    for (const n of ['0', '-12.5', '1e10', '0.0001', '12345678901234567890123456789012345678', '1e126']) {
      await q.sendMessage({ MessageBody: 'x', MessageAttributes: { n: attr(n, 'Number') } });
    }
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageAttributes: { n: attr('1e127', 'Number') } }), 'InvalidParameterValue');
  });

  test('a queued message keeps the attributes as sent even if the caller changes its objects afterwards', async () => {
    const { q } = queue();
    const value = { DataType: 'String', StringValue: 'before' };
    await q.sendMessage({ MessageBody: 'x', MessageAttributes: { a: value } });
    value.StringValue = 'after';
    expect((await q.receiveMessage({ MessageAttributeNames: ['All'] })).Messages![0].MessageAttributes!.a.StringValue).toBe('before');
  });
});

describe('message system attributes (ReceiveMessage AttributeNames / MessageSystemAttributeNames)', () => {
  test('SenderId, SentTimestamp, ApproximateReceiveCount and ApproximateFirstReceiveTimestamp, selected by name or All', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 0 });
    await q.sendMessage({ MessageBody: 'x' });
    await ctx.advance(5000);
    const first = (await q.receiveMessage({ MessageSystemAttributeNames: ['All'] })).Messages![0];
    expect(first.Attributes).toEqual({
      SenderId: TEST_ACCOUNT,
      SentTimestamp: String(TEST_START),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(TEST_START + 5000),
    });
    await ctx.advance(1000);
    const second = (await q.receiveMessage({ AttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] })).Messages![0];
    expect(second.Attributes).toEqual({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(TEST_START + 5000) });
  });

  test('AWSTraceHeader given as a message system attribute is returned; other system attribute names are refused', async () => {
    const { q } = queue();
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    const sent = await q.sendMessage({ MessageBody: 'x', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: header } } });
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect((await q.receiveMessage({ MessageSystemAttributeNames: ['AWSTraceHeader'] })).Messages![0].Attributes).toEqual({ AWSTraceHeader: header });
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageSystemAttributes: { Other: { DataType: 'String', StringValue: 'v' } } }),
      'InvalidParameterValue', /Message system attribute name 'Other' is invalid/);
  });

  test('an unknown attribute name is refused (InvalidAttributeName)', async () => {
    const { q } = queue();
    await expectAwsError(q.receiveMessage({ AttributeNames: ['Nope'] }), 'InvalidAttributeName', 'Unknown Attribute Nope.');
  });

  test('MD5OfBody of a received message is the MD5 of its body', async () => {
    const { q } = queue();
    await q.sendMessage({ MessageBody: 'héllo 😀' });
    expect((await q.receiveMessage({})).Messages![0].MD5OfBody).toBe(md5Hex('héllo 😀'));
  });
});
