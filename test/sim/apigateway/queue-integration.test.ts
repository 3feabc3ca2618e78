/**
 * RestApiToQueue: request validation (a JSON Schema draft 4 model, required parameters) and the AWS integration that
 * renders the VTL request template and sends to SQS as the integration role, with its integration responses.
 */
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newStack } from './helpers';
import { RestApiAuthorization, RestApiToQueue, RestApiToQueueProps } from '../../../src/api';
import { Simulator } from '../../../src/sim';

const CALLER = 'arn:aws:iam::123456789012:role/Client';
const SCHEMA = {
  schema: apigw.JsonSchemaVersion.DRAFT4,
  type: apigw.JsonSchemaType.OBJECT,
  required: ['orderId', 'items'],
  properties: { orderId: { type: apigw.JsonSchemaType.STRING, minLength: 1 }, items: { type: apigw.JsonSchemaType.ARRAY, minItems: 1 } },
};

function intake(props: Partial<RestApiToQueueProps> = {}, configure: (front: RestApiToQueue) => void = () => undefined) {
  const stack = newStack();
  const front = new RestApiToQueue(stack, 'Intake', { authorization: RestApiAuthorization.iam(), resourcePath: 'orders', requestBodySchema: SCHEMA, webAcl: { enabled: false }, ...props });
  configure(front);
  const sim = Simulator.fromStack(stack);
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    sim.api(front).request({ method: 'POST', path: '/orders', headers, body, iamPrincipal: CALLER });
  return { stack, sim, front, post };
}

describe('RestApiToQueue', () => {
  test('a valid order lands in the queue with the request id attribute; the answer carries the SQS message id', async () => {
    const { sim, front, post } = intake();
    const order = JSON.stringify({ orderId: 'o-1', items: [{ sku: 'a b&c', qty: 1 }] });
    const res = await post(order);
    expect(res.statusCode).toBe(200);
    const answer = JSON.parse(res.body);
    const received = await sim.queue(front.queue).receiveMessage({ MessageAttributeNames: ['All'] });
    const message = received.Messages![0];
    expect(message.Body).toBe(order);
    expect(answer).toEqual({ messageId: message.MessageId, requestId: res.headers['x-amzn-requestid'] });
    expect(message.MessageAttributes?.apiRequestId.StringValue).toBe(answer.requestId);
  });

  test('an invalid body is 400 with the validation error the front door puts in the gateway response', async () => {
    const { sim, front, post } = intake();
    const res = await post(JSON.stringify({ orderId: '', items: [] }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).message).toBe('[string "" is too short (length: 0, required minimum: 1) at /orderId, '
      + 'array is too short: must have at least 1 elements but instance has 0 elements at /items]');
    const missing = JSON.parse((await post('{"items":[1]}')).body);
    expect(missing.message).toBe('[object has missing required properties (["orderId"])]');
    expect((await sim.queue(front.queue).receiveMessage({})).Messages ?? []).toHaveLength(0);
    expect(sim.trace.count({ type: 'validation-failed' })).toBe(2);
  });

  test('malformed JSON is a 400 and the API keeps serving', async () => {
    const { post } = intake();
    const res = await post('{"orderId": ');
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).message).toMatch(/^Invalid JSON in request body/);
    expect((await post('{"orderId":"o","items":[1]}')).statusCode).toBe(200);
  });

  test('a body that is not application/json is 415 (passthrough NEVER)', async () => {
    const { post } = intake({ requestBodySchema: undefined });
    const res = await post('orderId=1', { 'content-type': 'text/plain' });
    expect(res).toMatchObject({ statusCode: 415, body: '{"message":"Unsupported Media Type"}' });
  });

  test('FIFO: the message group header is a required parameter (400 "Missing required request parameters: [...]") and becomes the group id', async () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Orders', { fifo: true, contentBasedDeduplication: true });
    const front = new RestApiToQueue(stack, 'Intake', { authorization: RestApiAuthorization.iam(), queue, contentBasedDeduplication: true, webAcl: { enabled: false } });
    const sim = Simulator.fromStack(stack);
    const post = (headers: Record<string, string>) => sim.api(front).request({ method: 'POST', path: '/', headers, body: '{"n":1}', iamPrincipal: CALLER });
    const missing = await post({ 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).message).toBe('Missing required request parameters: [X-Message-Group-Id]');
    expect((await post({ 'content-type': 'application/json', 'x-message-group-id': 'customer-7' })).statusCode).toBe(200);
    const m = (await sim.queue(queue).receiveMessage({ AttributeNames: ['All'] })).Messages![0];
    expect(m.Attributes?.MessageGroupId).toBe('customer-7');
  });

  test('a queue policy that denies the integration role is a 400 from the integration response (the SQS 4xx mapping)', async () => {
    const { sim, post } = intake({}, front => front.queue.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [front.queue.queueArn],
    })));
    const res = await post('{"orderId":"o","items":[1]}');
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).message).toBe('The queue rejected the message (too large, invalid characters or not allowed)');
    expect(sim.trace.some({ type: 'denied', service: 'sqs' })).toBe(true);
  });
});
