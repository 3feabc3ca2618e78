/**
 * AWS::SQS::Queue properties -> a validated queue configuration, with the errors SQS (through CloudFormation) gives
 * for values it refuses. Numbers and booleans are read by the template's property readers (they may come as strings,
 * as CloudFormation accepts them); a value they refuse is reported with SQS's error for that attribute.
 */
import { parseArn, TemplateLoadError } from '../kernel';
import { TemplateResource } from '../runtime';
import { optionalBoolean, optionalInteger } from '../template/properties';

export type DeduplicationScope = 'queue' | 'messageGroup';
export type FifoThroughputLimit = 'perQueue' | 'perMessageGroupId';
export type RedrivePermission = 'allowAll' | 'denyAll' | 'byQueue';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
  /** The policy as CloudFormation passed it (object or JSON text), for error messages. */
  readonly text: string;
}

export interface RedriveAllowPolicy {
  readonly redrivePermission: RedrivePermission;
  readonly sourceQueueArns?: readonly string[];
}

export interface QueueConfig {
  readonly name: string;
  readonly fifo: boolean;
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriod: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly visibilityTimeout: number;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: DeduplicationScope;
  readonly fifoThroughputLimit: FifoThroughputLimit;
  readonly redrivePolicy?: RedrivePolicy;
  readonly redriveAllowPolicy?: RedriveAllowPolicy;
  readonly kmsMasterKeyId?: string;
  readonly kmsDataKeyReusePeriodSeconds?: number;
  readonly sqsManagedSseEnabled?: boolean;
}

/** Documented ranges of the integer queue attributes (SQS API reference, CreateQueue). */
export const QUEUE_ATTRIBUTE_RANGES = {
  DelaySeconds: { min: 0, max: 900, default: 0 },
  MaximumMessageSize: { min: 1024, max: 1_048_576, default: 1_048_576 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  VisibilityTimeout: { min: 0, max: 43_200, default: 30 },
  KmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400, default: 300 },
} as const;

type RangedAttribute = keyof typeof QUEUE_ATTRIBUTE_RANGES;

/** Attributes only FIFO queues accept; SQS answers "Unknown Attribute" when a standard queue is given one. */
const FIFO_ONLY = ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'] as const;

const STANDARD_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

export function parseQueueConfig(resource: TemplateResource): QueueConfig {
  const p = resource.properties ?? {};
  const fail = (name: string, message: string): never => {
    throw new TemplateLoadError(resource.logicalId, name, message);
  };
  /** A property read by `read`, or SQS's InvalidAttributeValue when the reader refuses it. */
  const attribute = <T>(attr: string, read: () => T): T => {
    try {
      return read();
    } catch (e) {
      if (e instanceof TemplateLoadError) fail('InvalidAttributeValue', `Invalid value for the parameter ${attr}.`);
      throw e;
    }
  };
  const bool = (attr: string) => attribute(attr, () => optionalBoolean(resource.logicalId, attr, p[attr]));
  const fifo = bool('FifoQueue') ?? false;
  const name = String(resource.attributes?.QueueName ?? p.QueueName ?? resource.logicalId);
  if (fifo && !FIFO_NAME.test(name)) {
    fail('InvalidParameterValue',
      'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
  }
  if (!fifo && !STANDARD_NAME.test(name)) {
    fail('InvalidParameterValue', `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (queue name ${name}).`);
  }
  if (!fifo) {
    for (const attr of FIFO_ONLY) {
      if (p[attr] !== undefined) fail('InvalidAttributeName', `Unknown Attribute ${attr}.`);
    }
  }
  const ranged = (attr: RangedAttribute): number => {
    const range = QUEUE_ATTRIBUTE_RANGES[attr];
    return attribute(attr, () => optionalInteger(resource.logicalId, attr, p[attr], range.min, range.max)) ?? range.default;
  };
  const deduplicationScope = enumValue(p.DeduplicationScope, 'DeduplicationScope', ['queue', 'messageGroup'], 'queue', fail);
  const fifoThroughputLimit = enumValue(p.FifoThroughputLimit, 'FifoThroughputLimit', ['perQueue', 'perMessageGroupId'], 'perQueue', fail);
  if (fifoThroughputLimit === 'perMessageGroupId' && deduplicationScope !== 'messageGroup') {
    // SQS API reference: "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."
    fail('InvalidAttributeValue',
      'Invalid value for the parameter FifoThroughputLimit. Reason: perMessageGroupId is allowed only when DeduplicationScope is messageGroup.');
  }
  const config: QueueConfig = {
    name,
    fifo,
    delaySeconds: ranged('DelaySeconds'),
    maximumMessageSize: ranged('MaximumMessageSize'),
    messageRetentionPeriod: ranged('MessageRetentionPeriod'),
    receiveMessageWaitTimeSeconds: ranged('ReceiveMessageWaitTimeSeconds'),
    visibilityTimeout: ranged('VisibilityTimeout'),
    contentBasedDeduplication: bool('ContentBasedDeduplication') ?? false,
    deduplicationScope,
    fifoThroughputLimit,
    redrivePolicy: p.RedrivePolicy === undefined || p.RedrivePolicy === '' ? undefined : parseRedrivePolicy(p.RedrivePolicy, fail),
    redriveAllowPolicy: p.RedriveAllowPolicy === undefined || p.RedriveAllowPolicy === ''
      ? undefined : parseRedriveAllowPolicy(p.RedriveAllowPolicy, fail),
    kmsMasterKeyId: p.KmsMasterKeyId === undefined ? undefined : String(p.KmsMasterKeyId),
    kmsDataKeyReusePeriodSeconds: p.KmsDataKeyReusePeriodSeconds === undefined ? undefined : ranged('KmsDataKeyReusePeriodSeconds'),
    sqsManagedSseEnabled: bool('SqsManagedSseEnabled'),
  };
  return config;
}

type Fail = (name: string, message: string) => never;

/** Whether `arn` is a fully qualified queue ARN (`arn:<partition>:sqs:<region>:<account-id>:<queue-name>`). */
export function isQueueArn(arn: unknown): arn is string {
  const parsed = parseArn(arn);
  return parsed !== undefined && parsed.service === 'sqs' && parsed.region !== '' && /^\d{12}$/.test(parsed.account)
    && /^[A-Za-z0-9_.-]+$/.test(parsed.resource);
}

function enumValue<T extends string>(raw: unknown, attr: string, allowed: readonly T[], dflt: T, fail: Fail): T {
  if (raw === undefined || raw === null) return dflt;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  return fail('InvalidAttributeValue', `Invalid value for the parameter ${attr}.`);
}

function jsonMap(raw: unknown, attr: string, fail: Fail): { value: Record<string, unknown>; text: string } {
  if (typeof raw === 'string') {
    try {
      const value = JSON.parse(raw);
      if (value && typeof value === 'object' && !Array.isArray(value)) return { value, text: raw };
    } catch {
      // fall through to the error SQS gives for a policy that is not a JSON map
    }
    return fail('InvalidAttributeValue', `Invalid value for the parameter ${attr}. Reason: ${attr} is not a valid JSON map.`);
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { value: raw as Record<string, unknown>, text: JSON.stringify(raw) };
  return fail('InvalidAttributeValue', `Invalid value for the parameter ${attr}. Reason: ${attr} is not a valid JSON map.`);
}

function parseRedrivePolicy(raw: unknown, fail: Fail): RedrivePolicy {
  const { value, text } = jsonMap(raw, 'RedrivePolicy', fail);
  const invalid = (reason: string): never => fail('InvalidParameterValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
  for (const key of Object.keys(value)) {
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') invalid('Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].');
  }
  if (value.deadLetterTargetArn === undefined) invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (value.maxReceiveCount === undefined) invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const arn = String(value.deadLetterTargetArn);
  if (!isQueueArn(arn)) invalid('Dead-letter target ARN should be fully qualified ARN.');
  const count = wholeNumber(value.maxReceiveCount);
  if (count === undefined || count < 1 || count > 1000) {
    invalid(`Invalid value for maxReceiveCount: ${String(value.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count as number, text };
}

/** maxReceiveCount inside the RedrivePolicy JSON: a whole number, or its decimal text. */
function wholeNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

function parseRedriveAllowPolicy(raw: unknown, fail: Fail): RedriveAllowPolicy {
  const { value, text } = jsonMap(raw, 'RedriveAllowPolicy', fail);
  const invalid = (reason: string): never => fail('InvalidAttributeValue', `Invalid value for the parameter RedriveAllowPolicy (${text}). Reason: ${reason}`);
  const permission = value.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    invalid('redrivePermission must be one of allowAll, denyAll or byQueue.');
  }
  const sources = value.sourceQueueArns;
  if (permission === 'byQueue') {
    if (!Array.isArray(sources) || sources.length === 0) invalid('sourceQueueArns is required when redrivePermission is byQueue.');
    if ((sources as unknown[]).length > 10) invalid('sourceQueueArns can contain at most 10 source queue ARNs; use allowAll for more.');
    return { redrivePermission: 'byQueue', sourceQueueArns: (sources as unknown[]).map(String) };
  }
  if (sources !== undefined) invalid('sourceQueueArns can be specified only when redrivePermission is byQueue.');
  return { redrivePermission: permission as RedrivePermission };
}
