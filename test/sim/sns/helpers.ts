import { TemplateResource } from '../../../src/sim/runtime';
import { SnsService } from '../../../src/sim/sns';
import { fakeContext, FakeContext, FakeContextOptions, resource } from '../fixtures';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const streamArn = (name: string) => `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`;
export const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

export interface SnsFixture {
  readonly ctx: FakeContext;
  readonly sns: SnsService;
  /** Creates resources in order (as the template loader would), then links. */
  load(...resources: TemplateResource[]): void;
}

export function snsFixture(options: FakeContextOptions = {}): SnsFixture {
  const ctx = fakeContext(options);
  const sns = new SnsService(ctx);
  ctx.services.sns = sns;
  return {
    ctx,
    sns,
    load(...resources) {
      for (const r of resources) {
        ctx.add(r);
        sns.create(r);
      }
      sns.link();
    },
  };
}

export function topic(logicalId: string, properties: Record<string, any> = {}): TemplateResource {
  return resource('AWS::SNS::Topic', logicalId, properties);
}

let subscriptionCounter = 0;
export function subscription(logicalId: string, topicLogicalIdOrArn: string, properties: Record<string, any>): TemplateResource {
  const arn = topicLogicalIdOrArn.startsWith('arn:') ? topicLogicalIdOrArn : topicArn(topicLogicalIdOrArn);
  subscriptionCounter++;
  return resource('AWS::SNS::Subscription', logicalId, { TopicArn: arn, ...properties }, `${arn}:00000000-0000-4000-8000-${String(subscriptionCounter).padStart(12, '0')}`);
}

export function sqsSubscription(logicalId: string, topicName: string, queueName: string, properties: Record<string, any> = {}): TemplateResource {
  return subscription(logicalId, topicName, { Protocol: 'sqs', Endpoint: queueArn(queueName), ...properties });
}

/** The JSON bodies the stub SQS service received, by queue ARN. */
export function sqsBodies(ctx: FakeContext, queue: string): string[] {
  return ctx.deliveries.filter(d => d.service === 'sqs' && d.target === queueArn(queue)).map(d => (d.payload as { body: string }).body);
}
