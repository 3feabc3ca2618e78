import { Duration, Token } from 'aws-cdk-lib';
import { PropValidationError, validateDurationRange } from '../core';
import type { FanoutTopicProps } from './fanout-topic';
import { FilterPolicyLimits } from './filter-policy-limits';
import type { FanoutSubscriptionOptions } from './subscription-options';

export const CONSTRUCT = 'FanoutTopic';

/** The longest SQS keeps a message: subscription DLQs keep undeliverable messages that long by default. */
export const DEFAULT_SUBSCRIPTION_DLQ_RETENTION = Duration.days(14);
/** Payload objects live as long as the longest an SQS queue can hold the pointer to them. */
export const DEFAULT_PAYLOAD_EXPIRATION = Duration.days(14);

/** SNS topic names: 1 to 256 letters, digits, hyphens and underscores (FIFO names end in `.fifo`, within the 256). */
const TOPIC_NAME = /^[A-Za-z0-9_-]+(\.fifo)?$/;
const TOPIC_NAME_MAX = 256;
const DISPLAY_NAME_MAX = 100;
/** SQS MessageRetentionPeriod: 60 seconds to 1,209,600 seconds (14 days). */
const RETENTION = { min: 60, max: 1_209_600, human: '1 minute to 14 days' };
const PAYLOAD_EXPIRATION = { min: 86_400, max: 365 * 86_400, human: '1 to 365 days' };

/** Checks FanoutTopic props before any resource is created. */
export function validateFanoutTopicProps(props: FanoutTopicProps): void {
  const fifo = props.fifo ?? false;
  const name = props.topicName;
  if (name !== undefined && !Token.isUnresolved(name)) {
    const full = fifo && !name.endsWith('.fifo') ? `${name}.fifo` : name;
    if (!TOPIC_NAME.test(full) || full.length > TOPIC_NAME_MAX) {
      throw new PropValidationError(CONSTRUCT, 'topicName', full,
        `1 to ${TOPIC_NAME_MAX} characters of letters, digits, hyphens and underscores (FIFO topics: ending in .fifo, included in the ${TOPIC_NAME_MAX})`);
    }
    if (!fifo && full.endsWith('.fifo')) {
      throw new PropValidationError(CONSTRUCT, 'topicName', full, 'a name ending in .fifo only with fifo: true');
    }
  }
  if (props.displayName !== undefined && !Token.isUnresolved(props.displayName) && props.displayName.length > DISPLAY_NAME_MAX) {
    throw new PropValidationError(CONSTRUCT, 'displayName', `${props.displayName.length} characters`, `at most ${DISPLAY_NAME_MAX} characters`);
  }
  if (props.contentBasedDeduplication && !fifo) {
    throw new PropValidationError(CONSTRUCT, 'contentBasedDeduplication', true, 'true only with fifo: true (deduplication is a FIFO topic feature)');
  }
  if (props.largePayloads === false && props.largePayloadBucket) {
    throw new PropValidationError(CONSTRUCT, 'largePayloads', false, 'true or unset when largePayloadBucket is given');
  }
  if (props.largePayloadExpiration && props.largePayloadBucket) {
    throw new PropValidationError(CONSTRUCT, 'largePayloadExpiration', props.largePayloadExpiration,
      'unset when largePayloadBucket is given (the lifecycle of a bucket you bring is yours to set)');
  }
  if (props.largePayloadExpiration && !props.largePayloads) {
    throw new PropValidationError(CONSTRUCT, 'largePayloadExpiration', props.largePayloadExpiration, 'unset unless largePayloads is true');
  }
  validateDurationRange(CONSTRUCT, 'largePayloadExpiration', props.largePayloadExpiration, PAYLOAD_EXPIRATION.min, PAYLOAD_EXPIRATION.max,
    PAYLOAD_EXPIRATION.human);
  if (props.largePayloadExpiration && !Token.isUnresolved(props.largePayloadExpiration.toSeconds({ integral: false }))
    && props.largePayloadExpiration.toSeconds() % 86_400 !== 0) {
    throw new PropValidationError(CONSTRUCT, 'largePayloadExpiration', props.largePayloadExpiration, 'whole days (S3 lifecycle expiration counts days)');
  }
}

/** Checks the options every subscription shares: filter policies against the SNS limits, the DLQ retention. */
export function validateSubscriptionOptions(what: string, options: FanoutSubscriptionOptions): void {
  if (options.filterPolicy && options.filterPolicyWithMessageBody) {
    throw new PropValidationError(CONSTRUCT, `${what}.filterPolicyWithMessageBody`, 'set together with filterPolicy',
      'one filter policy scope per subscription: message attributes (filterPolicy) or message body (filterPolicyWithMessageBody)');
  }
  if (options.filterPolicy) FilterPolicyLimits.validateAttributePolicy(CONSTRUCT, `${what}.filterPolicy`, options.filterPolicy);
  if (options.filterPolicyWithMessageBody) {
    FilterPolicyLimits.validateBodyPolicy(CONSTRUCT, `${what}.filterPolicyWithMessageBody`, options.filterPolicyWithMessageBody);
  }
  validateDurationRange(CONSTRUCT, `${what}.deadLetterQueueRetentionPeriod`, options.deadLetterQueueRetentionPeriod, RETENTION.min, RETENTION.max,
    RETENTION.human);
}

/** An AWS account id is exactly 12 digits. */
export function validateAccountId(accountId: string): void {
  if (Token.isUnresolved(accountId)) return;
  if (!/^\d{12}$/.test(accountId)) {
    throw new PropValidationError(CONSTRUCT, 'allowPublishFrom accountId', accountId, 'an AWS account id of exactly 12 digits');
  }
}

/** A plausible email address: SNS itself only finds out when the confirmation mail bounces. */
export function validateEmail(address: string): void {
  if (Token.isUnresolved(address)) return;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    throw new PropValidationError(CONSTRUCT, 'addEmail address', address, 'an email address such as ops@example.com');
  }
}

/** Only TLS webhooks: SNS would post messages to an http:// endpoint in clear text. */
export function validateHttpsUrl(url: string): void {
  if (Token.isUnresolved(url)) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) {
    throw new PropValidationError(CONSTRUCT, 'addHttps url', url, 'an absolute https:// URL (plain http:// would carry messages unencrypted)');
  }
}
