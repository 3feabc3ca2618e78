/** Small builders for SQS service tests on the shared fake context. */
import { SqsService } from '../../../src/sim/sqs';
import { fakeContext, FakeContext, FakeContextOptions, resource, TEST_ACCOUNT, TEST_REGION } from '../fixtures';

export interface SqsFixture {
  readonly ctx: FakeContext;
  readonly sqs: SqsService;
}

/** A service with the given queues (logical id -> AWS::SQS::Queue properties), created and linked. */
export function sqsWith(queues: Record<string, Record<string, any>>, options: FakeContextOptions = {}): SqsFixture {
  const ctx = fakeContext(options);
  const sqs = new SqsService(ctx);
  ctx.services.sqs = sqs;
  for (const [logicalId, properties] of Object.entries(queues)) sqs.create(ctx.add(resource('AWS::SQS::Queue', logicalId, properties)));
  sqs.link();
  return { ctx, sqs };
}

/** The ARN the fixture gives a queue named `name`. */
export function queueArn(name: string): string {
  return `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:${name}`;
}

export function queueUrl(name: string): string {
  return `https://sqs.${TEST_REGION}.amazonaws.com/${TEST_ACCOUNT}/${name}`;
}

/** Expects `promise` to reject with an AwsError of this name (and message, when given). */
export async function expectAwsError(promise: Promise<unknown> | (() => unknown), name: string, message?: string | RegExp): Promise<void> {
  let error: any;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error).toBeDefined();
  expect(error.name).toBe(name);
  if (message !== undefined) {
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
