/**
 * A bucket's notification configuration, from either form aws-cdk-lib synthesizes:
 * - AWS::S3::Bucket NotificationConfiguration (CloudFormation shape: QueueConfigurations[{Event, Queue, Filter:
 *   {S3Key: {Rules: [{Name, Value}]}}}], TopicConfigurations[{Event, Topic}], LambdaConfigurations[{Event, Function}]);
 * - Custom::S3BucketNotifications (what `bucket.addEventNotification()` creates; the S3 API shape its handler passes
 *   to PutBucketNotificationConfiguration: QueueConfigurations[{QueueArn, Events[], Filter: {Key: {FilterRules}}}],
 *   TopicConfigurations[{TopicArn, Events}], LambdaFunctionConfigurations[{LambdaFunctionArn, Events}]).
 *
 * Validation follows PutBucketNotificationConfiguration: event types must be ones S3 publishes; a filter has at most
 * one prefix and one suffix rule; two configurations that share an event type must not have overlapping filters
 * (prefixes overlap when one starts with the other, suffixes when one ends with the other), else S3 answers
 * InvalidArgument "Configuration is ambiguously defined. ...".
 */
import { TemplateLoadError } from '../kernel';
import { isTrue } from '../template/properties';

export type DestinationType = 'queue' | 'topic' | 'lambda';

export interface NotificationRule {
  readonly id: string;
  readonly destinationType: DestinationType;
  readonly destinationArn: string;
  /** Event types with the `s3:` prefix, e.g. `s3:ObjectCreated:*`. */
  readonly events: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
}

/** The event types S3 publishes to SNS, SQS and Lambda (Event notification types and destinations). */
export const SUPPORTED_EVENT_TYPES: ReadonlySet<string> = new Set([
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*', 's3:Replication:OperationFailedReplication', 's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold', 's3:Replication:OperationNotTracked',
  's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition', 's3:IntelligentTiering',
  's3:ObjectTagging:*', 's3:ObjectTagging:Put', 's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
]);

export interface ParseContext {
  readonly logicalId: string;
  /** Generates the Id S3 assigns to a configuration that has none. */
  readonly newId: () => string;
}

/** Parses the CloudFormation NotificationConfiguration of AWS::S3::Bucket. */
export function parseCloudFormationNotifications(config: any, pc: ParseContext): { rules: NotificationRule[]; eventBridge: boolean } {
  const rules: NotificationRule[] = [];
  if (!config) return { rules, eventBridge: false };
  const kinds: Array<[string, DestinationType, string]> = [
    ['QueueConfigurations', 'queue', 'Queue'],
    ['TopicConfigurations', 'topic', 'Topic'],
    ['LambdaConfigurations', 'lambda', 'Function'],
  ];
  for (const [list, type, arnKey] of kinds) {
    for (const c of asList(config[list])) {
      rules.push(rule(pc, type, c?.[arnKey], [c?.Event], c?.Filter?.S3Key?.Rules, c?.Id));
    }
  }
  validateRules(rules, pc.logicalId);
  return { rules, eventBridge: isTrue(config.EventBridgeConfiguration?.EventBridgeEnabled) };
}

/** Parses the S3 API NotificationConfiguration (Custom::S3BucketNotifications). */
export function parseApiNotifications(config: any, pc: ParseContext): { rules: NotificationRule[]; eventBridge: boolean } {
  const rules: NotificationRule[] = [];
  if (!config) return { rules, eventBridge: false };
  const kinds: Array<[string, DestinationType, string]> = [
    ['QueueConfigurations', 'queue', 'QueueArn'],
    ['TopicConfigurations', 'topic', 'TopicArn'],
    ['LambdaFunctionConfigurations', 'lambda', 'LambdaFunctionArn'],
  ];
  for (const [list, type, arnKey] of kinds) {
    for (const c of asList(config[list])) {
      rules.push(rule(pc, type, c?.[arnKey], asList(c?.Events), c?.Filter?.Key?.FilterRules, c?.Id));
    }
  }
  validateRules(rules, pc.logicalId);
  return { rules, eventBridge: config.EventBridgeConfiguration !== undefined };
}

function rule(pc: ParseContext, type: DestinationType, arn: unknown, events: unknown[], filterRules: unknown, id: unknown): NotificationRule {
  if (typeof arn !== 'string' || arn === '') invalid(pc.logicalId, `A ${type} configuration has no destination ARN.`);
  if (events.length === 0) invalid(pc.logicalId, 'A notification configuration must name at least one event.');
  for (const e of events) {
    if (typeof e !== 'string' || !SUPPORTED_EVENT_TYPES.has(e)) invalid(pc.logicalId, `The event is not supported for notifications: ${String(e)}`);
  }
  let prefix: string | undefined;
  let suffix: string | undefined;
  for (const r of asList(filterRules)) {
    const name = String((r as { Name?: unknown })?.Name ?? '').toLowerCase();
    const value = String((r as { Value?: unknown })?.Value ?? '');
    if (name === 'prefix') {
      if (prefix !== undefined) invalid(pc.logicalId, 'Cannot specify more than one prefix rule in a filter.');
      prefix = value;
    } else if (name === 'suffix') {
      if (suffix !== undefined) invalid(pc.logicalId, 'Cannot specify more than one suffix rule in a filter.');
      suffix = value;
    } else {
      invalid(pc.logicalId, `filter rule name must be either prefix or suffix (got '${(r as { Name?: unknown })?.Name}')`);
    }
  }
  return {
    id: typeof id === 'string' && id !== '' ? id : pc.newId(),
    destinationType: type,
    destinationArn: arn as string,
    events: events as string[],
    prefix: prefix ?? '',
    suffix: suffix ?? '',
  };
}

/** S3 refuses configurations that could both fire for one event (shared event type and overlapping filters). */
export function validateRules(rules: readonly NotificationRule[], logicalId: string): void {
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      const shareEvent = a.events.some(x => b.events.some(y => eventTypesOverlap(x, y)));
      const prefixesOverlap = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
      const suffixesOverlap = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
      if (shareEvent && prefixesOverlap && suffixesOverlap) {
        invalid(logicalId, 'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.');
      }
    }
  }
}

function eventTypesOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const wildcard = (x: string) => (x.endsWith(':*') ? x.slice(0, -1) : undefined);
  const wa = wildcard(a);
  const wb = wildcard(b);
  return (wa !== undefined && b.startsWith(wa)) || (wb !== undefined && a.startsWith(wb));
}

/** True when `rule` subscribes to `eventName` (e.g. `ObjectCreated:Put`) for `key` (the raw, unencoded key). */
export function ruleMatches(config: NotificationRule, eventName: string, key: string): boolean {
  if (!key.startsWith(config.prefix) || !key.endsWith(config.suffix)) return false;
  const full = `s3:${eventName}`;
  return config.events.some(e => e === full || (e.endsWith(':*') && full.startsWith(e.slice(0, -1))));
}

function invalid(logicalId: string, message: string): never {
  throw new TemplateLoadError(logicalId, 'InvalidArgument', message);
}

function asList(v: unknown): any[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}
