import { TEMPLATE } from './fixtures';
import { form, FORM, rawRequest } from './raw-http';
import { Simulator } from '../../../src/sim';

/** The query protocol of older SQS clients (form-encoded requests, XML answers), signed with SigV4 over sim.listen(). */
describe('SQS query protocol over sim.listen()', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<Simulator['listen']>>;
  beforeEach(async () => {
    sim = Simulator.fromTemplate(TEMPLATE, { strict: false });
    server = await sim.listen();
  });
  afterEach(() => server.close());

  const call = (params: Record<string, string>) => rawRequest(server.endpoint, { headers: FORM, body: form({ Version: '2012-11-05', ...params }) },
    { service: 'sqs', credentials: sim.credentialsFor('arn:aws:iam::123456789012:root') });

  test('SendMessage with MessageAttribute.N, ReceiveMessage with AttributeName.N: the API reference names, answered in XML', async () => {
    const QueueUrl = sim.queue('Orders').queueUrl;
    const sent = await call({
      'Action': 'SendMessage',
      QueueUrl,
      'MessageBody': 'hello <world> & "friends"',
      'MessageAttribute.1.Name': 'colour',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'blue',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/">/);
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(sent.body)?.[1];
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.body).toContain(`<RequestId>${sent.headers['x-amzn-requestid']}</RequestId>`);

    const got = await call({ 'Action': 'ReceiveMessage', QueueUrl, 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' });
    expect(got.status).toBe(200);
    expect(got.body).toContain(`<Message><MessageId>${messageId}</MessageId>`);
    expect(got.body).toContain('<Body>hello &lt;world&gt; &amp; &quot;friends&quot;</Body>');
    expect(got.body).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(got.body).toContain('<MessageAttribute><Name>colour</Name><Value><DataType>String</DataType><StringValue>blue</StringValue></Value></MessageAttribute>');
  });

  test('SendMessageBatch with SendMessageBatchRequestEntry.N: one result entry per message', async () => {
    const QueueUrl = sim.queue('Orders').queueUrl;
    const out = await call({
      'Action': 'SendMessageBatch',
      QueueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.2.Id': 'b',
      'SendMessageBatchRequestEntry.2.MessageBody': 'two',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '5',
    });
    expect(out.body.match(/<SendMessageBatchResultEntry><Id>(a|b)<\/Id>/g)).toHaveLength(2);
    expect((await sim.queue('Orders').getQueueAttributes({ AttributeNames: ['All'] })).Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '1',
    });
  });

  test('errors are ErrorResponse documents with the query code: NonExistentQueue, InvalidAction, MissingAction, a bad number', async () => {
    const missing = await call({ Action: 'SendMessage', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/nope', MessageBody: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>'
      + '<Message>The specified queue does not exist.</Message>');
    const invalid = await call({ Action: 'FlyToTheMoon' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('<Code>InvalidAction</Code><Message>The action FlyToTheMoon is not valid for this endpoint.</Message>');
    const noAction = await call({});
    expect(noAction.body).toContain('<Code>MissingAction</Code>');
    const badNumber = await call({ Action: 'ReceiveMessage', QueueUrl: sim.queue('Orders').queueUrl, MaxNumberOfMessages: 'ten' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body).toContain('<Code>InvalidParameterValue</Code>');
  });

  test('an operation that exists but is not simulated (CreateQueue) is refused and reported', async () => {
    const out = await call({ Action: 'CreateQueue', QueueName: 'new' });
    expect(out.status).toBe(400);
    expect(out.body).toContain('<Code>InvalidAction</Code><Message>The simulator does not simulate Amazon SQS CreateQueue.</Message>');
    expect(sim.trace.filter({ type: 'not-simulated' }).map(e => [e.resource, e.detail.action])).toEqual([['sqs', 'CreateQueue']]);
  });
});
