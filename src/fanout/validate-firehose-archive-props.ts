import { SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import { PropValidationError, validateNumberRange } from '../core';
import type { FirehoseArchiveProps } from './firehose-archive';

const CONSTRUCT = 'FirehoseArchive';

/** Firehose limits (CreateDeliveryStream API reference): buffering hints and key prefixes. */
const LIMITS = {
  /** BufferingHints.IntervalInSeconds: 0 to 900. */
  interval: { min: 0, max: 900 },
  /** BufferingHints.SizeInMBs: 1 to 128 for S3, 1 to 100 for OpenSearch. */
  sizeS3: { min: 1, max: 128 },
  sizeOpenSearch: { min: 1, max: 100 },
  /** Prefix and ErrorOutputPrefix: up to 1,024 characters. */
  prefix: 1_024,
};

/** OpenSearch index names are lowercase; Firehose accepts 1 to 80 characters. */
const INDEX_NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** Checks FirehoseArchive props before any resource is created. */
export function validateFirehoseArchiveProps(props: FirehoseArchiveProps): void {
  if (props.fanoutTopic?.fifo || props.topicProps?.fifo) {
    throw new PropValidationError(CONSTRUCT, props.fanoutTopic ? 'fanoutTopic' : 'topicProps.fifo', 'a FIFO topic',
      'a standard topic: SNS FIFO topics deliver only to SQS queues, not to Firehose');
  }
  if (props.fanoutTopic && props.topicProps) {
    throw new PropValidationError(CONSTRUCT, 'topicProps', 'set together with fanoutTopic', 'topicProps only when the construct creates the topic');
  }
  if (props.bufferingInterval) {
    validateNumberRange(CONSTRUCT, 'bufferingInterval', props.bufferingInterval.toSeconds({ integral: false }), LIMITS.interval.min,
      LIMITS.interval.max, 'seconds');
  }
  if (props.bufferingSize) {
    const size = props.openSearchDomain ? LIMITS.sizeOpenSearch : LIMITS.sizeS3;
    const target = props.openSearchDomain ? ' (OpenSearch destination)' : '';
    validateNumberRange(CONSTRUCT, `bufferingSize${target}`, props.bufferingSize.toMebibytes({ rounding: SizeRoundingBehavior.NONE }), size.min, size.max, 'MiB');
  }
  for (const [prop, value] of [['dataOutputPrefix', props.dataOutputPrefix], ['errorOutputPrefix', props.errorOutputPrefix]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && value.length > LIMITS.prefix) {
      throw new PropValidationError(CONSTRUCT, prop, `${value.length} characters`, `at most ${LIMITS.prefix} characters`);
    }
  }
  const index = props.openSearchIndexName;
  if (index !== undefined) {
    if (!props.openSearchDomain) {
      throw new PropValidationError(CONSTRUCT, 'openSearchIndexName', index, 'unset unless openSearchDomain is given');
    }
    if (!Token.isUnresolved(index) && !INDEX_NAME.test(index)) {
      throw new PropValidationError(CONSTRUCT, 'openSearchIndexName', index,
        '1 to 80 lowercase letters, digits, "-", "_" and ".", starting with a letter or digit');
    }
  }
}
