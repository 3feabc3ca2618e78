import { connect } from 'net';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as fc from 'fast-check';
import { ACCOUNT, TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

/**
 * Bad input on the wire: random bytes on the socket and random requests never crash the endpoint (no 500
 * InternalFailure, no problem reported by the wire layer itself), never change what the simulation stores, and the
 * endpoint keeps answering valid requests afterwards.
 */
jest.setTimeout(120_000);

/** What the simulation stores, summed up: each queue's counts and the bucket's keys. */
async function stored(sim: Simulator): Promise<string> {
  const queues = await Promise.all(['Orders', 'Jobs'].map(q => sim.queue(q).getQueueAttributes({ AttributeNames: ['All'] })));
  const counts = queues.map(q => [q.Attributes?.ApproximateNumberOfMessages, q.Attributes?.ApproximateNumberOfMessagesNotVisible,
    q.Attributes?.ApproximateNumberOfMessagesDelayed]);
  const objects = await sim.bucket('Archive').listObjectsV2({});
  return JSON.stringify({ counts, keys: objects.Contents?.map(c => `${c.Key}:${c.ETag}`) ?? [] });
}

/** Problems the wire layer reported about itself (a bug), as opposed to traffic for what is not simulated. */
function ownFailures(sim: Simulator): string[] {
  return sim.trace.filter({ type: 'problem' }).map(e => e.detail.message).filter(m => m.includes('InternalFailure') || e2(m));
}
const e2 = (m: string) => /TypeError|ReferenceError|RangeError|Cannot read/.test(m);

function rawSocket(endpoint: string, bytes: Uint8Array): Promise<string> {
  const url = new URL(endpoint);
  return new Promise(resolve => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', chunk => { answer += chunk.toString('latin1'); });
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.write(bytes, () => socket.end());
  });
}

const services = ['AmazonSQS', 'AWSStepFunctions', 'DynamoDB_20120810', 'Firehose_20150804', 'Nope'];
const actions = ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'SendMessageBatch', 'GetQueueAttributes', 'Publish', 'PublishBatch', 'PutItem', 'X', ''];

/** A request that looks like one of the protocols, with random members (never the real queue URL or bucket). */
const requestArb = fc.oneof(
  fc.record({
    kind: fc.constant('json'),
    target: fc.tuple(fc.constantFrom(...services), fc.constantFrom(...actions)).map(([s, a]) => `${s}.${a}`),
    body: fc.oneof(fc.json(), fc.string(), fc.dictionary(fc.constantFrom('QueueUrl', 'MessageBody', 'Entries', 'MessageAttributes', 'MaxNumberOfMessages',
      'Item', 'Record', 'TopicArn'), fc.jsonValue()).map(d => JSON.stringify(d))),
  }),
  fc.record({
    kind: fc.constant('query'),
    body: fc.array(fc.tuple(fc.constantFrom('Action', 'Version', 'QueueUrl', 'MessageBody', 'TopicArn', 'Message', 'MessageAttribute.1.Name',
      'MessageAttribute.1.Value.DataType', 'MessageAttributes.entry.1.Value.BinaryValue', 'SendMessageBatchRequestEntry.1.Id', 'AttributeName.1',
      'MaxNumberOfMessages', '%zz', 'a.b.c'), fc.oneof(fc.constantFrom(...actions), fc.string()))).map(pairs => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
  }),
  fc.record({
    kind: fc.constant('rest'),
    method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH'),
    path: fc.oneof(
      fc.constantFrom('/', '/2015-03-31/functions/nope/invocations', '/v1/submitjob', '/start-flow', '/@connections/x', '/_aws/execute-api/a/b/c', '/other-bucket/k'),
      fc.array(fc.constantFrom('a', '%', '%2F', '..', '.', '', 'x y', '{', 'bucket', '?list-type=2'), { maxLength: 5 }).map(p => `/${p.join('/')}`),
    ),
    body: fc.string(),
  }),
);

describe('fuzzing the wire endpoint', () => {
  test('random bytes on the socket: answered 400 or closed; the server keeps serving and stores nothing', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { strict: false });
    const server = await sim.listen();
    try {
      const before = await stored(sim);
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async bytes => {
        const answer = await rawSocket(server.endpoint, bytes);
        expect(answer === '' || /^HTTP\/1\.1 \d{3} /.test(answer)).toBe(true);
        expect(answer.startsWith('HTTP/1.1 500')).toBe(false);
      }), { numRuns: 60 });
      expect(await stored(sim)).toBe(before);
      const alive = await new SQSClient(server.clientConfig()).send(new GetQueueAttributesCommand({ QueueUrl: sim.queue('Orders').queueUrl }));
      expect(alive.$metadata.httpStatusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  test.each(['off', 'enforce'] as const)('random requests (iam: %s): no 500, nothing stored changes, valid requests still answered', async iam => {
    const sim = Simulator.fromTemplate(TEMPLATE, { strict: false, iam });
    const server = await sim.listen();
    const credentials = sim.credentialsFor(`arn:aws:iam::${ACCOUNT}:root`);
    try {
      const before = await stored(sim);
      await fc.assert(fc.asyncProperty(requestArb, fc.constantFrom('none', 'garbage', 'wrong-key'), async (request, auth) => {
        const headers: Record<string, string> = {};
        if (request.kind === 'json') {
          headers['content-type'] = 'application/x-amz-json-1.0';
          headers['x-amz-target'] = request.target;
        } else if (request.kind === 'query') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        if (auth === 'garbage') headers.authorization = 'AWS4-HMAC-SHA256 Credential=%%%, SignedHeaders=, Signature=zz';
        if (auth === 'wrong-key') {
          headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, `
            + `Signature=${'0'.repeat(64)}`;
          headers['x-amz-date'] = '20240101T000000Z';
        }
        const method = request.kind === 'rest' ? request.method : 'POST';
        const path = request.kind === 'rest' ? request.path : '/';
        let response: Response;
        try {
          response = await fetch(`${server.endpoint}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : request.body });
        } catch {
          return; // fetch itself refused the URL (an invalid path): nothing reached the server
        }
        await response.arrayBuffer();
        expect(response.status).not.toBe(500);
      }), { numRuns: 150 });
      expect(await stored(sim)).toBe(before);
      expect(ownFailures(sim)).toEqual([]);
      const ok = await fetch(`${server.endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueAttributes' },
        body: JSON.stringify({ QueueUrl: sim.queue('Orders').queueUrl }),
      });
      expect(ok.status).toBe(iam === 'off' ? 200 : 403);
    } finally {
      await server.close();
    }
  });
});
