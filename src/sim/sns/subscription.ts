import { parseArn } from '../kernel';
import { SimEnvironment } from '../runtime';
import { templateInvalid } from './errors';
import { compileFilterPolicy, CompiledFilterPolicy, FilterPolicyError, FilterPolicyScope } from './filter-policy';
import { DeliveryTarget } from './published-message';
import { measureBody } from '../sqs/message-validation';
import { optionalBoolean } from '../template/properties';

/** The protocols SNS accepts in Subscribe. */
export const PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose'] as const;
export type Protocol = typeof PROTOCOLS[number];

/** Endpoints outside AWS: the simulator records what SNS would send them (`TopicHandle.deliveries`). */
export const RECORDED_PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'email', 'email-json', 'sms']);

/** Protocols that accept RawMessageDelivery (sns-large-payload-raw-message-delivery). */
const RAW_PROTOCOLS: ReadonlySet<string> = new Set(['sqs', 'http', 'https', 'firehose']);

/** A subscription as the simulator delivers to it. */
export interface Subscription extends DeliveryTarget {
  readonly logicalId: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  readonly rawMessageDelivery: boolean;
  readonly filterPolicyScope: FilterPolicyScope;
  readonly filterPolicy: CompiledFilterPolicy | undefined;
  /** RedrivePolicy.deadLetterTargetArn: where deliveries that fail go. */
  readonly deadLetterTargetArn: string | undefined;
  /** SubscriptionRoleArn: the role SNS assumes to write to a Firehose delivery stream. */
  readonly subscriptionRoleArn: string | undefined;
  /** An SQS endpoint that is a FIFO queue (its ARN ends in `.fifo`), so group and deduplication ids are passed on. */
  readonly fifoEndpoint: boolean;
  readonly fifoDeadLetterQueue: boolean;
}

/** The topic facts subscription validation needs. */
export interface SubscribedTopic {
  readonly arn: string;
  readonly fifo: boolean;
}

/**
 * Validates the properties of an AWS::SNS::Subscription (or an entry of a topic's inline `Subscription` list) the way
 * SNS validates the Subscribe call CloudFormation makes, and returns the subscription. Throws `TemplateLoadError` with
 * SNS's message for what SNS refuses. `application` (mobile push) must be filtered out by the caller.
 */
export function createSubscription(
  logicalId: string,
  arn: string,
  properties: Record<string, any>,
  topic: SubscribedTopic,
  env: SimEnvironment,
): Subscription {
  const protocol = String(properties.Protocol ?? '') as Protocol;
  const endpoint = properties.Endpoint === undefined ? '' : String(properties.Endpoint);
  const fail = (message: string): never => {
    throw templateInvalid(logicalId, message);
  };
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) fail(`Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`);
  if (endpoint === '') fail('Invalid parameter: Endpoint Reason: no value for required parameter');

  if ((protocol === 'http' || protocol === 'https') && !endpoint.startsWith(`${protocol}://`)) fail('Invalid parameter: Endpoint must match the specified protocol');
  if (protocol === 'sqs' && !isArnOf(endpoint, 'sqs')) fail('Invalid parameter: SQS endpoint ARN');
  if (protocol === 'lambda' && !isArnOf(endpoint, 'lambda')) fail('Invalid parameter: Lambda endpoint ARN');
  if (protocol === 'firehose' && !isArnOf(endpoint, 'firehose')) fail('Invalid parameter: Firehose endpoint ARN');
  if ((protocol === 'email' || protocol === 'email-json') && !/^[^@\s]+@[^@\s]+$/.test(endpoint)) fail('Invalid parameter: Email address');

  // FIFO topics deliver only to SQS queues, FIFO or standard (sns-fifo-topics); standard topics cannot feed FIFO queues.
  const fifoEndpoint = protocol === 'sqs' && endpoint.endsWith('.fifo');
  if (topic.fifo && protocol !== 'sqs') fail(`Invalid parameter: Endpoint Reason: FIFO topics support only Amazon SQS subscriptions, not ${protocol}`);
  if (!topic.fifo && fifoEndpoint) fail('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');

  const rawMessageDelivery = booleanAttribute(logicalId, properties.RawMessageDelivery, 'RawMessageDelivery', fail);
  if (rawMessageDelivery && !RAW_PROTOCOLS.has(protocol)) {
    fail(`Invalid parameter: Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`);
  }

  const scopeValue = properties.FilterPolicyScope ?? 'MessageAttributes';
  if (scopeValue !== 'MessageAttributes' && scopeValue !== 'MessageBody') {
    fail(`Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [${String(scopeValue)}]. Please use either MessageBody or MessageAttributes`);
  }
  const filterPolicyScope = scopeValue as FilterPolicyScope;
  let filterPolicy: CompiledFilterPolicy | undefined;
  try {
    filterPolicy = compileFilterPolicy(properties.FilterPolicy, filterPolicyScope);
  } catch (e) {
    if (e instanceof FilterPolicyError) fail(`Invalid parameter: Attributes Reason: ${e.reason}`);
    throw e;
  }

  const deadLetterTargetArn = redriveTarget(properties.RedrivePolicy, env, fail);
  const fifoDeadLetterQueue = deadLetterTargetArn !== undefined && deadLetterTargetArn.endsWith('.fifo');
  if (deadLetterTargetArn !== undefined && fifoDeadLetterQueue !== topic.fifo) {
    // A FIFO topic's subscriptions use FIFO dead-letter queues, a standard topic's standard ones (sns-dead-letter-queues).
    fail(topic.fifo
      ? 'Invalid parameter: Attributes Reason: RedrivePolicy: a FIFO topic subscription needs an Amazon SQS FIFO queue as its dead-letter queue'
      : 'Invalid parameter: Attributes Reason: RedrivePolicy: a standard topic subscription cannot use an Amazon SQS FIFO queue as its dead-letter queue');
  }

  const subscriptionRoleArn = properties.SubscriptionRoleArn === undefined ? undefined : String(properties.SubscriptionRoleArn);
  if (protocol === 'firehose' && subscriptionRoleArn === undefined) {
    fail('Invalid parameter: Attributes Reason: SubscriptionRoleArn is required for firehose subscriptions');
  }

  const unsubscribeUrl = `https://sns.${env.region}.${env.urlSuffix}/?Action=Unsubscribe&SubscriptionArn=${arn}`;
  const unsubscribeUrlJson = JSON.stringify(unsubscribeUrl);
  return {
    logicalId,
    arn,
    topicArn: topic.arn,
    protocol,
    endpoint,
    rawMessageDelivery,
    filterPolicyScope,
    filterPolicy,
    deadLetterTargetArn,
    subscriptionRoleArn,
    fifoEndpoint,
    fifoDeadLetterQueue,
    unsubscribeUrl,
    unsubscribeUrlJson,
    unsubscribeUrlMeasure: measureBody(unsubscribeUrlJson),
  };
}

function isArnOf(value: string, service: string): boolean {
  return parseArn(value)?.service === service;
}

function booleanAttribute(logicalId: string, value: unknown, name: string, fail: (message: string) => never): boolean {
  try {
    return optionalBoolean(logicalId, name, value) ?? false;
  } catch {
    return fail(`Invalid parameter: Attributes Reason: ${name}: Invalid value [${String(value)}]. Must be true or false.`);
  }
}

/** RedrivePolicy (an object or its JSON): the dead-letter queue, an SQS queue of the same account and Region. */
function redriveTarget(value: unknown, env: SimEnvironment, fail: (message: string) => never): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let policy: unknown = value;
  if (typeof value === 'string') {
    try {
      policy = JSON.parse(value);
    } catch {
      return fail('Invalid parameter: Attributes Reason: RedrivePolicy: failed to parse JSON.');
    }
  }
  const target = (policy as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  const arn = parseArn(target);
  if (typeof target !== 'string' || arn?.service !== 'sqs') {
    return fail('Invalid parameter: Attributes Reason: RedrivePolicy: deadLetterTargetArn is an invalid arn');
  }
  if (arn.region !== env.region || arn.account !== env.account) {
    fail('Invalid parameter: Attributes Reason: RedrivePolicy: the dead-letter queue must be in the same account and Region as the subscription');
  }
  return target;
}
