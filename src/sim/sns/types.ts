import type { ResponseMetadata } from '../kernel';
import { MessageAttributeValue } from '../runtime';

/** PublishCommandInput of the AWS SDK v3 (the handle fills in TopicArn). */
export interface PublishInput {
  readonly TopicArn?: string;
  readonly TargetArn?: string;
  readonly PhoneNumber?: string;
  readonly Message: string | undefined;
  readonly Subject?: string;
  readonly MessageStructure?: string;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

/** PublishCommandOutput of the AWS SDK v3. */
export interface PublishOutput {
  readonly $metadata: ResponseMetadata;
  readonly MessageId: string;
  /** FIFO topics: the message's sequence number. */
  readonly SequenceNumber?: string;
}

export interface PublishBatchRequestEntry {
  readonly Id: string;
  readonly Message: string | undefined;
  readonly Subject?: string;
  readonly MessageStructure?: string;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

/** PublishBatchCommandInput of the AWS SDK v3 (the handle fills in TopicArn). */
export interface PublishBatchInput {
  readonly TopicArn?: string;
  readonly PublishBatchRequestEntries: readonly PublishBatchRequestEntry[] | undefined;
}

export interface PublishBatchResultEntry {
  readonly Id: string;
  readonly MessageId: string;
  readonly SequenceNumber?: string;
}

export interface BatchResultErrorEntry {
  readonly Id: string;
  readonly Code: string;
  readonly Message: string;
  readonly SenderFault: boolean;
}

/** PublishBatchCommandOutput of the AWS SDK v3. */
export interface PublishBatchOutput {
  readonly $metadata: ResponseMetadata;
  readonly Successful: PublishBatchResultEntry[];
  readonly Failed: BatchResultErrorEntry[];
}
