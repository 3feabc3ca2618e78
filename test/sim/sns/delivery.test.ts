import { FirehoseService } from '../../../src/sim/firehose';
import { resource } from '../fixtures';
import { functionArn, queueArn, snsFixture, sqsBodies, sqsSubscription, streamArn, subscription, topic, topicArn } from './helpers';

const START_ISO = '2024-01-01T00:00:00.000Z';

describe('delivery to Amazon SQS (sns-sqs-as-subscriber)', () => {
  test('the queue receives the JSON envelope with the documented fields', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    const { MessageId } = await f.sns.handle('Orders').publish({
      Message: 'order 1',
      Subject: 'New order',
      MessageAttributes: { store: { DataType: 'String', StringValue: 'example_corp' }, price: { DataType: 'Number', StringValue: '210.75' } },
    });
    const raw = sqsBodies(f.ctx, 'q1')[0];
    const envelope = JSON.parse(raw);
    expect(Object.keys(envelope)).toEqual([
      'Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes',
    ]);
    const subArn = f.sns.subscription('Sub')?.arn;
    expect(envelope).toEqual({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn('Orders'),
      Subject: 'New order',
      Message: 'order 1',
      Timestamp: START_ISO,
      SignatureVersion: '1',
      Signature: expect.stringMatching(/^[A-Za-z0-9+/]{342}==$/),
      SigningCertURL: expect.stringMatching(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-.+\.pem$/),
      UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subArn}`,
      MessageAttributes: { store: { Type: 'String', Value: 'example_corp' }, price: { Type: 'Number', Value: '210.75' } },
    });
    // The placeholder signature is the message id's 32 hex digits repeated: different per message, the same run to run.
    const digits = MessageId!.replace(/-/g, '');
    expect(envelope.Signature).toBe(digits.repeat(11).slice(0, 341) + 'A==');
  });

  test('a topic with SignatureVersion 2 (SHA256) says so in the envelope; Lambda events keep "1"', async () => {
    const f = snsFixture();
    f.load(topic('Orders', { SignatureVersion: '2' }), sqsSubscription('Sub', 'Orders', 'q1'),
      subscription('Fn', 'Orders', { Protocol: 'lambda', Endpoint: functionArn('f') }));
    await f.sns.handle('Orders').publish({ Message: 'm' });
    expect(JSON.parse(sqsBodies(f.ctx, 'q1')[0]).SignatureVersion).toBe('2');
    expect((f.ctx.deliveries[1].payload as any).Records[0].Sns.SignatureVersion).toBe('1');
    expect(() => snsFixture().load(topic('Bad', { SignatureVersion: 3 }))).toThrow('SignatureVersion: Invalid value [3]');
  });

  test('Subject and MessageAttributes are left out of the envelope when the message has none', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    await f.sns.handle('Orders').publish({ Message: 'plain' });
    const envelope = JSON.parse(sqsBodies(f.ctx, 'q1')[0]);
    expect(envelope.Subject).toBeUndefined();
    expect(envelope.MessageAttributes).toBeUndefined();
  });

  test('the envelope Timestamp is the virtual publish time', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    await f.ctx.advance(90_000);
    await f.sns.handle('Orders').publish({ Message: 'later' });
    expect(JSON.parse(sqsBodies(f.ctx, 'q1')[0]).Timestamp).toBe('2024-01-01T00:01:30.000Z');
  });

  test('SNS sends as the sns.amazonaws.com service principal with the topic as aws:SourceArn, over TLS', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    await f.sns.handle('Orders').publish({ Message: 'm' });
    expect(f.ctx.deliveries[0].caller).toEqual({
      principalType: 'Service', principal: 'sns.amazonaws.com', sourceArn: topicArn('Orders'), sourceAccount: '123456789012', secureTransport: true,
    });
  });

  test('raw message delivery sends the message itself and passes the attributes as SQS message attributes', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1', { RawMessageDelivery: true }));
    const attrs = { store: { DataType: 'String', StringValue: 'example_corp' } };
    await f.sns.handle('Orders').publish({ Message: '{"order": 1}', MessageAttributes: attrs });
    expect(f.ctx.deliveries[0].payload).toEqual({ body: '{"order": 1}', messageAttributes: attrs, messageGroupId: undefined, messageDeduplicationId: undefined });
  });

  test('Binary attributes appear base64-encoded in the envelope', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    await f.sns.handle('Orders').publish({ Message: 'm', MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } } });
    expect(JSON.parse(sqsBodies(f.ctx, 'q1')[0]).MessageAttributes).toEqual({ blob: { Type: 'Binary', Value: 'AQID' } });
  });

  test('a FIFO topic passes the group and deduplication ids to FIFO queues, adds SequenceNumber and does not sign', async () => {
    const f = snsFixture();
    f.load(topic('Prices', { FifoTopic: true, TopicName: 'Prices.fifo' }),
      subscription('Fifo', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('wholesale.fifo') }),
      subscription('Std', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('analytics') }));
    const out = await f.sns.handle('Prices').publish({ Message: 'm', MessageGroupId: 'part-1', MessageDeduplicationId: 'd-1' });
    const [fifo, std] = f.ctx.deliveries.map(d => d.payload as { body: string; messageGroupId?: string; messageDeduplicationId?: string });
    expect([fifo.messageGroupId, fifo.messageDeduplicationId]).toEqual(['part-1', 'd-1']);
    expect([std.messageGroupId, std.messageDeduplicationId]).toEqual([undefined, undefined]);
    const envelope = JSON.parse(fifo.body);
    expect(envelope.SequenceNumber).toBe(out.SequenceNumber);
    expect(envelope.Signature).toBeUndefined();
    expect(envelope.SignatureVersion).toBeUndefined();
  });
});

describe('delivery to AWS Lambda (with-sns)', () => {
  test('the function is invoked asynchronously with the SNS event shape', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), subscription('Fn', 'Orders', { Protocol: 'lambda', Endpoint: functionArn('process') }));
    const { MessageId } = await f.sns.handle('Orders').publish({ Message: 'hello', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
    const call = f.ctx.deliveries[0];
    expect([call.service, call.target, call.caller.principal, call.caller.sourceArn]).toEqual(['lambda', functionArn('process'), 'sns.amazonaws.com', topicArn('Orders')]);
    const subArn = f.sns.subscription('Fn')?.arn;
    expect(call.payload).toEqual({
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subArn,
        Sns: {
          Type: 'Notification',
          MessageId,
          TopicArn: topicArn('Orders'),
          Subject: null,
          Message: 'hello',
          Timestamp: START_ISO,
          SignatureVersion: '1',
          Signature: expect.any(String),
          SigningCertUrl: expect.stringMatching(/^https:\/\/sns\.us-east-1\.amazonaws\.com\//),
          UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subArn}`,
          MessageAttributes: { k: { Type: 'String', Value: 'v' } },
        },
      }],
    });
  });
});

describe('delivery to Amazon Data Firehose (sns-firehose-as-subscriber)', () => {
  test('the stream receives the envelope (or the raw message) written with the subscription role', async () => {
    const f = snsFixture();
    const firehose = new FirehoseService(f.ctx);
    f.ctx.services.firehose = firehose;
    const stream = resource('AWS::KinesisFirehose::DeliveryStream', 'Archive');
    f.ctx.add(stream);
    firehose.create(stream);
    const role = 'arn:aws:iam::123456789012:role/sns-to-firehose';
    f.load(topic('Orders'),
      subscription('Env', 'Orders', { Protocol: 'firehose', Endpoint: streamArn('Archive'), SubscriptionRoleArn: role }),
      subscription('Raw', 'Orders', { Protocol: 'firehose', Endpoint: streamArn('Archive'), SubscriptionRoleArn: role, RawMessageDelivery: true }));
    await f.sns.handle('Orders').publish({ Message: 'to the archive' });
    const records = firehose.handle('Archive').records;
    expect(records).toHaveLength(2);
    expect(JSON.parse(records[0].data).Message).toBe('to the archive');
    expect(records[1].data).toBe('to the archive');
    expect(records.map(r => [r.principal, r.sourceArn])).toEqual([[role, topicArn('Orders')], [role, topicArn('Orders')]]);
  });
});

describe('HTTP/S, email and SMS endpoints are recorded (sns-http-https-endpoint-as-subscriber)', () => {
  test('HTTPS endpoints first get a SubscriptionConfirmation, then notifications with the x-amz-sns headers', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), subscription('Hook', 'Orders', { Protocol: 'https', Endpoint: 'https://example.com/hook' }));
    const handle = f.sns.handle('Orders');
    expect(handle.deliveries.map(d => d.type)).toEqual(['SubscriptionConfirmation']);
    expect(JSON.parse(handle.deliveries[0].body).Type).toBe('SubscriptionConfirmation');
    const { MessageId } = await handle.publish({ Message: 'hello' });
    const n = handle.deliveries[1];
    expect(n).toMatchObject({ type: 'Notification', protocol: 'https', endpoint: 'https://example.com/hook', subscription: 'Hook', messageId: MessageId });
    expect(n.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': MessageId, 'x-amz-sns-topic-arn': topicArn('Orders') });
    expect(JSON.parse(n.body).Message).toBe('hello');
  });

  test('raw delivery to HTTP/S posts the message itself with x-amz-sns-rawdelivery: true', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), subscription('Hook', 'Orders', { Protocol: 'http', Endpoint: 'http://example.com/hook', RawMessageDelivery: true }));
    await f.sns.handle('Orders').publish({ Message: 'raw body' });
    const n = f.sns.handle('Orders').deliveries[1];
    expect([n.body, n.headers?.['x-amz-sns-rawdelivery']]).toEqual(['raw body', 'true']);
  });

  test('email gets the text with the Subject (default "AWS Notification Message"); email-json the envelope; SMS the text', async () => {
    const f = snsFixture();
    f.load(topic('Orders'),
      subscription('Mail', 'Orders', { Protocol: 'email', Endpoint: 'ops@example.com' }),
      subscription('Json', 'Orders', { Protocol: 'email-json', Endpoint: 'bot@example.com' }),
      subscription('Sms', 'Orders', { Protocol: 'sms', Endpoint: '+15555550100' }));
    const handle = f.sns.handle('Orders');
    await handle.publish({ Message: 'disk full', Subject: 'Alarm' });
    await handle.publish({ Message: 'no subject' });
    const notes = handle.deliveries.filter(d => d.type === 'Notification');
    expect(notes.map(d => [d.subscription, d.subject, d.protocol === 'email-json' ? JSON.parse(d.body).Message : d.body])).toEqual([
      ['Mail', 'Alarm', 'disk full'], ['Json', 'Alarm', 'disk full'], ['Sms', undefined, 'disk full'],
      ['Mail', 'AWS Notification Message', 'no subject'], ['Json', 'AWS Notification Message', 'no subject'], ['Sms', undefined, 'no subject'],
    ]);
  });
});

describe('fan-out with filter policies (sns-message-filtering)', () => {
  test('each subscription receives only what its policy accepts; the trace shows delivered and filtered-out per subscription', async () => {
    const f = snsFixture();
    f.load(topic('Orders'),
      sqsSubscription('Processing', 'Orders', 'processing', { FilterPolicy: { status: ['submitted'] } }),
      sqsSubscription('Refunds', 'Orders', 'refunds', { FilterPolicy: { status: ['refund-requested'] } }),
      sqsSubscription('Audit', 'Orders', 'audit'),
      sqsSubscription('Big', 'Orders', 'big', { FilterPolicyScope: 'MessageBody', FilterPolicy: { total: [{ numeric: ['>=', 1000] }] } }));
    const { MessageId } = await f.sns.handle('Orders').publish({
      Message: JSON.stringify({ total: 1500 }),
      MessageAttributes: { status: { DataType: 'String', StringValue: 'submitted' } },
    });
    expect(f.ctx.deliveries.map(d => d.target)).toEqual([queueArn('processing'), queueArn('audit'), queueArn('big')]);
    expect(f.ctx.trace.summary({ service: 'sns' })).toEqual([
      'sns:Orders:published', 'sns:Processing:delivered', 'sns:Refunds:filtered-out', 'sns:Audit:delivered', 'sns:Big:delivered',
    ]);
    expect(f.ctx.trace.find({ type: 'filtered-out' })?.detail).toEqual({ messageId: MessageId });
  });

  test('with the trace off, filtering still routes the same messages', async () => {
    const f = snsFixture({ traceEnabled: false });
    f.load(topic('Orders'),
      sqsSubscription('Processing', 'Orders', 'processing', { FilterPolicy: { status: ['submitted'] } }),
      sqsSubscription('Refunds', 'Orders', 'refunds', { FilterPolicy: { status: ['refund-requested'] } }));
    await f.sns.handle('Orders').publish({ Message: 'm', MessageAttributes: { status: { DataType: 'String', StringValue: 'refund-requested' } } });
    expect(f.ctx.deliveries.map(d => d.target)).toEqual([queueArn('refunds')]);
    expect(f.ctx.trace.length).toBe(0);
  });
});

describe('re-entrant publishing', () => {
  test('a delivery that publishes to the same topic again does not disturb the fan-out in progress', async () => {
    const f = snsFixture();
    f.load(topic('Orders'),
      subscription('Echo', 'Orders', { Protocol: 'lambda', Endpoint: functionArn('echo'), FilterPolicy: { hop: ['1'] } }),
      sqsSubscription('A', 'Orders', 'a'),
      sqsSubscription('B', 'Orders', 'b', { FilterPolicy: { hop: ['1'] } }));
    const handle = f.sns.handle('Orders');
    const lambdaCalls: unknown[] = [];
    f.ctx.services.lambda = {
      invokeAs: () => Promise.reject(new Error('not used')),
      invokeAsync: (_arn, event) => {
        lambdaCalls.push(event);
        // A synchronous re-publish while the first fan-out is still iterating its matches.
        void handle.publish({ Message: 'second', MessageAttributes: { hop: { DataType: 'String', StringValue: '2' } } });
        return { ok: true };
      },
    };
    await handle.publish({ Message: 'first', MessageAttributes: { hop: { DataType: 'String', StringValue: '1' } } });
    expect(lambdaCalls).toHaveLength(1);
    expect(sqsBodies(f.ctx, 'a').map(b => JSON.parse(b).Message)).toEqual(['second', 'first']);
    expect(sqsBodies(f.ctx, 'b').map(b => JSON.parse(b).Message)).toEqual(['first']);
  });
});
