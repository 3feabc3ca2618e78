/**
 * SNS -> SQS through the real services: the queue checks and measures the envelope piece by piece (shared head and
 * tail per publish, UnsubscribeURL per subscription) and digests it on first receive. Every observable must equal what
 * SQS gives for the same body sent eagerly: Body, MD5OfBody, the MaximumMessageSize limit and SentMessageSize.
 */
import { createHash } from 'crypto';
import { ResourcePolicyEvaluator } from '../../../src/sim/iam';
import { TemplateResource } from '../../../src/sim/runtime';
import { SnsService } from '../../../src/sim/sns';
import { SqsService } from '../../../src/sim/sqs';
import { fakeContext, resource } from '../fixtures';
import { ACCOUNT, queueArn, sqsSubscription, topic, topicArn } from './helpers';

/** A topic with one SQS subscription per queue (except `unsubscribed`); `queueProps` per queue name. */
function fanout(queueProps: Record<string, Record<string, any>>, unsubscribed: string[] = []) {
  const ctx = fakeContext({ iam: new ResourcePolicyEvaluator(ACCOUNT) });
  const sqs = new SqsService(ctx);
  const sns = new SnsService(ctx);
  ctx.services.sqs = sqs;
  ctx.services.sns = sns;
  const names = Object.keys(queueProps);
  const queues = names.map(n => resource('AWS::SQS::Queue', n, { QueueName: n, ...queueProps[n] }));
  const policy = resource('AWS::SQS::QueuePolicy', 'QueuePolicy', {
    Queues: queues.map(q => q.ref),
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: names.map(queueArn),
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn('Orders') } },
      }],
    },
  });
  for (const r of [...queues, policy]) sqs.create(ctx.add(r));
  const snsResources: TemplateResource[] = [topic('Orders'), ...names.filter(n => !unsubscribed.includes(n)).map(n => sqsSubscription(`Sub${n}`, 'Orders', n))];
  for (const r of snsResources) sns.create(ctx.add(r));
  sqs.link();
  sns.link();
  return { ctx, sqs, sns, topic: sns.handle('Orders') };
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** Non-ASCII on purpose: 2-, 3- and 4-byte UTF-8 characters (JSON.stringify leaves them unescaped). */
const UTF8_MESSAGE = 'caf\u00e9 \u20ac5 \u{1F600} order';
/**
 * ASCII that JSON escapes: quotes, backslashes, line breaks, a tab and other control characters. The queue sizes such
 * an envelope from its parts without writing it (EnvelopeHead), so this pins the arithmetic against the written text.
 */
const ASCII_MESSAGE = '{"order": "a\\b", "note": "line 1\nline 2\r\n\ttab \u0001\u001f\u007f end"}';

describe.each([
  ['UTF-8 message (envelope written and checked at delivery)', UTF8_MESSAGE, 'S\u00fcbject', '\u00e9'],
  ['ASCII message with escapes (envelope sized from its parts, written on first read)', ASCII_MESSAGE, 'Say "hi" \\ there', 'a "quoted" \\ value'],
])('SNS envelopes delivered to SQS queues (sns-sqs-as-subscriber, SQS message limits): %s', (_name, MESSAGE, SUBJECT, VALUE) => {
  test('Body, MD5OfBody and SentMessageSize equal what SQS gives for the same envelope sent with SendMessage', async () => {
    const f = fanout({ a: {}, b: {}, eager: {} }, ['eager']);
    await f.topic.publish({ Message: MESSAGE, Subject: SUBJECT, MessageAttributes: { k: { DataType: 'String', StringValue: VALUE } } });
    for (const name of ['a', 'b']) {
      const [m] = (await f.sqs.handle(name).receiveMessage({})).Messages!;
      expect(JSON.parse(m.Body)).toMatchObject({ Message: MESSAGE, Subject: SUBJECT, MessageAttributes: { k: { Type: 'String', Value: VALUE } } });
      const sent = await f.sqs.handle('eager').sendMessage({ MessageBody: m.Body });
      expect(m.MD5OfBody).toBe(md5(m.Body));
      expect(m.MD5OfBody).toBe(sent.MD5OfMessageBody);
      // SentMessageSize counts UTF-8 bytes: the delivery and the eager send of the same body count the same.
      const bytes = Buffer.byteLength(m.Body, 'utf8');
      expect(bytes > m.Body.length).toBe(MESSAGE === UTF8_MESSAGE);
      expect(f.sqs.queue(name).metric('SentMessageSize')).toBe(bytes);
    }
    expect(f.sqs.queue('eager').metric('SentMessageSize')).toBe(f.sqs.queue('a').metric('SentMessageSize')! + f.sqs.queue('b').metric('SentMessageSize')!);
  });

  test('MaximumMessageSize is enforced at delivery on the exact UTF-8 size: a limit one byte short rejects it', async () => {
    // Measure the envelope once, then deliver the same publish (same seeds) to queues sized exactly and one byte less.
    const probe = fanout({ exact: {}, short: {} });
    await probe.topic.publish({ Message: MESSAGE.repeat(40) });
    const bytes = (name: string) => probe.sqs.queue(name).metric('SentMessageSize') as number;
    expect(bytes('exact')).toBe(bytes('short')); // both names have the same length: same envelope size
    const size = bytes('exact');
    const f = fanout({ exact: { MaximumMessageSize: size }, short: { MaximumMessageSize: size - 1 } });
    await f.topic.publish({ Message: MESSAGE.repeat(40) });
    expect(f.sqs.queue('exact').metric('SentMessageSize')).toBe(size);
    expect(f.sqs.queue('short').size).toBe(0);
    expect(f.ctx.trace.find({ resource: 'short', type: 'delivery-rejected' })?.detail).toMatchObject({ errorName: 'InvalidParameterValue' });
    expect(f.ctx.trace.find({ resource: 'Subshort', type: 'delivery-failed' })?.detail).toMatchObject({
      error: 'InvalidParameterValue',
      message: `One or more parameters are invalid. Reason: Message must be shorter than ${size - 1} bytes.`,
    });
  });

});

describe('SNS envelopes delivered to SQS queues: characters SQS refuses', () => {
  test('a message with U+FFFF (not escaped by JSON) is refused by the queue with InvalidMessageContents, as SendMessage refuses it', async () => {
    const f = fanout({ a: {} });
    await f.topic.publish({ Message: 'bad \uffff char' });
    expect(f.sqs.queue('a').size).toBe(0);
    expect(f.ctx.trace.find({ resource: 'Suba', type: 'delivery-failed' })?.detail).toMatchObject({ error: 'InvalidMessageContents' });
    await expect(f.sqs.handle('a').sendMessage({ MessageBody: '{"Message":"bad \uffff char"}' })).rejects.toMatchObject({ name: 'InvalidMessageContents' });
  });
});
