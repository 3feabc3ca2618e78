import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT, TEMPLATE } from './fixtures';
import { rawRequest } from './raw-http';
import { Simulator } from '../../../src/sim';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/worker`;
const sqsJson = (QueueUrl: string, action = 'SendMessage') => ({
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
  body: JSON.stringify({ QueueUrl, MessageBody: 'x' }),
});

describe('SigV4 with iam: enforce (the default): unsigned or wrongly signed requests get AWS errors', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<Simulator['listen']>>;
  beforeEach(async () => {
    sim = Simulator.fromTemplate(TEMPLATE);
    server = await sim.listen();
  });
  afterEach(() => server.close());

  test('SQS: unsigned -> MissingAuthenticationToken 403; unknown key -> InvalidClientTokenId 403; wrong secret -> SignatureDoesNotMatch 403', async () => {
    const url = sim.queue('Orders').queueUrl;
    const unsigned = await rawRequest(server.endpoint, sqsJson(url));
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers['x-amzn-query-error']).toBe('MissingAuthenticationToken;Sender');
    const unknown = await rawRequest(server.endpoint, sqsJson(url), { service: 'sqs', credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 's' } });
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.body)).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    const good = sim.credentialsFor(ROLE);
    const wrong = await rawRequest(server.endpoint, sqsJson(url), { service: 'sqs', credentials: { ...good, secretAccessKey: 'not-the-secret' } });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).__type).toBe('com.amazonaws.sqs#SignatureDoesNotMatch');
    const right = await rawRequest(server.endpoint, sqsJson(url), { service: 'sqs', credentials: good });
    expect(right.status).toBe(200);
    // Nothing a refused request carried reached the queue.
    expect((await sim.queue('Orders').getQueueAttributes({ AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes).toEqual({ ApproximateNumberOfMessages: '1' });
    expect(sim.trace.filter({ type: 'authentication-failed' }).map(e => [e.detail.errorName, e.detail.enforced])).toEqual([
      ['MissingAuthenticationToken', true], ['InvalidClientTokenId', true], ['SignatureDoesNotMatch', true],
    ]);
  });

  test('a body changed after signing no longer matches its signature; a role presenting no session token is refused', async () => {
    const url = sim.queue('Orders').queueUrl;
    const credentials = sim.credentialsFor(ROLE);
    const tampered = await rawRequest(server.endpoint, { ...sqsJson(url), sentBody: JSON.stringify({ QueueUrl: url, MessageBody: 'y' }) },
      { service: 'sqs', credentials });
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.body).__type).toBe('com.amazonaws.sqs#SignatureDoesNotMatch');
    const noToken = await rawRequest(server.endpoint, sqsJson(url), { service: 'sqs', credentials: { ...credentials, sessionToken: undefined } });
    expect(noToken.status).toBe(403);
    expect(JSON.parse(noToken.body).__type).toBe('com.amazonaws.sqs#InvalidClientTokenId');
  });

  test('a malformed Authorization header is IncompleteSignature (400); a scope for another region is refused', async () => {
    const url = sim.queue('Orders').queueUrl;
    const malformed = await rawRequest(server.endpoint, { ...sqsJson(url), headers: { ...sqsJson(url).headers, authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/x' } });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['x-amzn-query-error']).toBe('IncompleteSignature;Sender');
    const otherRegion = await rawRequest(server.endpoint, sqsJson(url), { service: 'sqs', region: 'eu-west-1', credentials: sim.credentialsFor(ROLE) });
    expect(otherRegion.status).toBe(403);
    expect(JSON.parse(otherRegion.body).message).toContain("not 'eu-west-1'");
  });

  test('Lambda (restJson1): MissingAuthenticationTokenException, UnrecognizedClientException and InvalidSignatureException, all 403', async () => {
    const invoke = { path: '/2015-03-31/functions/echo/invocations', body: '{}' };
    const unsigned = await rawRequest(server.endpoint, invoke);
    expect([unsigned.status, unsigned.headers['x-amzn-errortype']]).toEqual([403, 'MissingAuthenticationTokenException']);
    const unknown = await rawRequest(server.endpoint, invoke, { service: 'lambda', credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 's' } });
    expect([unknown.status, unknown.headers['x-amzn-errortype']]).toEqual([403, 'UnrecognizedClientException']);
    const wrong = await rawRequest(server.endpoint, invoke, { service: 'lambda', credentials: { ...sim.credentialsFor(ROLE), secretAccessKey: 'no' } });
    expect([wrong.status, wrong.headers['x-amzn-errortype']]).toEqual([403, 'InvalidSignatureException']);
  });

  test('S3: an unsigned request is anonymous and needs a bucket policy (AccessDenied); an unknown key is InvalidAccessKeyId', async () => {
    await sim.bucket('Archive').putObject({ Key: 'k', Body: 'v' });
    const anonymous = await rawRequest(server.endpoint, { method: 'GET', path: '/archive/k' });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toContain('<Code>AccessDenied</Code>');
    const s3 = new S3Client({ ...server.clientConfig(), credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }, maxAttempts: 1 });
    const err = await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'k' })).catch(e => e);
    expect(err.name).toBe('InvalidAccessKeyId');
    expect(err.$metadata.httpStatusCode).toBe(403);
  });
});

describe('credentials map to principals the test declares', () => {
  test('clientConfig({ as }) signs as that principal: the message SenderId is the role, a queue policy Deny for it refuses its calls', async () => {
    const template = JSON.parse(JSON.stringify(TEMPLATE));
    template.Resources.OrdersPolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/intruder` }, Action: 'sqs:*', Resource: '*' }] },
      },
    };
    const sim = Simulator.fromTemplate(template);
    const QueueUrl = sim.queue('Orders').queueUrl;
    await new SQSClient(sim.clientConfig({ as: ROLE })).send(new SendMessageCommand({ QueueUrl, MessageBody: 'from the worker' }));
    const got = await new SQSClient(sim.clientConfig()).send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['SenderId'] }));
    expect(got.Messages?.[0].Attributes?.SenderId).toBe(ROLE);
    const intruder = new SQSClient(sim.clientConfig({ as: `arn:aws:iam::${ACCOUNT}:role/intruder` }));
    const denied = await intruder.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })).catch(e => e);
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(sim.trace.filter({ type: 'denied' }).map(e => e.detail.principal)).toEqual([`arn:aws:iam::${ACCOUNT}:role/intruder`]);
  });

  test('roles get temporary credentials (ASIA key and session token), users and root long-term ones; the same principal gets the same keys', () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const role = sim.credentialsFor(ROLE);
    expect(role.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(role.sessionToken).toBeDefined();
    expect(sim.credentialsFor(`arn:aws:iam::${ACCOUNT}:user/alice`).accessKeyId).toMatch(/^AKIA/);
    expect(sim.credentialsFor(ROLE)).toEqual(role);
    expect(sim.clientConfig().credentials).toEqual(sim.credentialsFor(`arn:aws:iam::${ACCOUNT}:root`));
    expect(() => sim.credentialsFor('alice')).toThrow(/give an IAM principal ARN/);
  });
});

describe("iam: 'report' and 'off'", () => {
  test("'report' lets an unsigned request through as the account's root and records what enforce would have refused", async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { iam: 'report' });
    const server = await sim.listen();
    try {
      const out = await rawRequest(server.endpoint, sqsJson(sim.queue('Orders').queueUrl));
      expect(out.status).toBe(200);
      expect(sim.trace.filter({ type: 'authentication-failed' }).map(e => [e.detail.errorName, e.detail.enforced])).toEqual([['MissingAuthenticationToken', false]]);
    } finally {
      await server.close();
    }
  });

  test("'off' checks no signature: a wrongly signed request runs as the principal its key names", async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { iam: 'off' });
    const server = await sim.listen();
    try {
      const out = await rawRequest(server.endpoint, sqsJson(sim.queue('Orders').queueUrl), {
        service: 'sqs', credentials: { ...sim.credentialsFor(ROLE), secretAccessKey: 'wrong' },
      });
      expect(out.status).toBe(200);
      const got = await sim.queue('Orders').receiveMessage({ MessageSystemAttributeNames: ['SenderId'] });
      expect(got.Messages?.[0].Attributes?.SenderId).toBe(ROLE);
      expect(sim.trace.count({ type: 'authentication-failed' })).toBe(0);
    } finally {
      await server.close();
    }
  });
});
