/**
 * The notification envelope an SQS subscription receives (SNS developer guide, "Amazon SNS message and JSON formats"),
 * for any message, subject and attributes: JSON with the documented fields in SNS's order, the message and subject as
 * published, MessageAttributes as {Type, Value} (Binary in base64), and no signature on FIFO topics.
 */
import * as fc from 'fast-check';
import { snsFixture, sqsBodies, sqsSubscription, subscription, topic, topicArn } from './helpers';
import { MessageAttributeValue } from '../../../src/sim/runtime';

/** Characters JSON escapes (quotes, backslashes, control characters) mixed with plain ASCII and non-ASCII text. */
const text = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(c => String.fromCharCode(c)), minLength: 1, maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0001', '/', 'a', '\u00e9', '\u20ac', '\u{1F600}'), minLength: 1, maxLength: 30 }),
);
const subject = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\u00e9'), minLength: 1, maxLength: 20 });
const attributes = fc.dictionary(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
  fc.oneof(
    text.map((StringValue): MessageAttributeValue => ({ DataType: 'String', StringValue })),
    fc.uint8Array({ minLength: 1, maxLength: 12 }).map((BinaryValue): MessageAttributeValue => ({ DataType: 'Binary', BinaryValue })),
  ),
  { maxKeys: 5 },
);

describe('the SNS notification envelope delivered to SQS', () => {
  test('has the documented fields in order for any message, subject and attributes', async () => {
    await fc.assert(fc.asyncProperty(text, fc.option(subject, { nil: undefined }), attributes, fc.constantFrom('1', '2'),
      async (message, subj, attrs, signatureVersion) => {
        const f = snsFixture();
        f.load(topic('Orders', { SignatureVersion: signatureVersion }), sqsSubscription('Sub', 'Orders', 'q1'));
        const out = await f.sns.handle('Orders').publish({ Message: message, Subject: subj, MessageAttributes: attrs });
        const body = sqsBodies(f.ctx, 'q1')[0];
        const envelope = JSON.parse(body);
        const shown = Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, {
          Type: a.DataType, Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : a.StringValue,
        }]));
        const hasAttributes = Object.keys(attrs).length > 0;
        expect(envelope).toEqual({
          Type: 'Notification',
          MessageId: out.MessageId,
          TopicArn: topicArn('Orders'),
          ...(subj !== undefined ? { Subject: subj } : {}),
          Message: message,
          Timestamp: '2024-01-01T00:00:00.000Z',
          SignatureVersion: signatureVersion,
          Signature: expect.stringMatching(/^[A-Za-z0-9+/]{342}==$/),
          SigningCertURL: expect.stringMatching(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/.+\.pem$/),
          UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${f.sns.subscription('Sub')!.arn}`,
          ...(hasAttributes ? { MessageAttributes: shown } : {}),
        });
        expect(Object.keys(envelope)).toEqual([
          'Type', 'MessageId', 'TopicArn', ...(subj !== undefined ? ['Subject'] : []), 'Message', 'Timestamp', 'SignatureVersion', 'Signature',
          'SigningCertURL', 'UnsubscribeURL', ...(hasAttributes ? ['MessageAttributes'] : []),
        ]);
        expect(body).toBe(JSON.stringify(envelope)); // nothing but JSON.stringify's own text
      }), { numRuns: 150 });
  });

  test('a FIFO topic adds SequenceNumber after MessageId and does not sign', async () => {
    await fc.assert(fc.asyncProperty(text, async message => {
      const f = snsFixture();
      f.load(topic('Prices', { FifoTopic: true, TopicName: 'Prices.fifo', ContentBasedDeduplication: true }),
        subscription('Sub', 'Prices.fifo', { Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q.fifo' }));
      const out = await f.sns.handle('Prices').publish({ Message: message, MessageGroupId: 'g' });
      const body = (f.ctx.deliveries[0].payload as { body: string }).body;
      const envelope = JSON.parse(body);
      expect(Object.keys(envelope)).toEqual(['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'UnsubscribeURL']);
      expect([envelope.SequenceNumber, envelope.Message]).toEqual([out.SequenceNumber, message]);
    }), { numRuns: 50 });
  });
});
