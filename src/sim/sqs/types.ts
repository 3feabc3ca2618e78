/**
 * The AWS SDK v3 SQS command shapes the queue handle takes and returns (PascalCase, as in `@aws-sdk/client-sqs`).
 * They are declared here rather than imported so the compiled simulator does not depend on the SDK package; they are
 * structurally compatible with the SDK's `*CommandInput` / `*CommandOutput` types. `QueueUrl` is optional: the handle
 * fills in its own.
 */

import type { ResponseMetadata } from '../kernel';

/** Message attribute value as sent (SDK `MessageAttributeValue`). */
export interface SqsMessageAttributeValue {
  readonly DataType: string | undefined;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
  /** Not implemented by SQS ("reserved for future use"); rejected when given. */
  readonly StringListValues?: string[];
  /** Not implemented by SQS ("reserved for future use"); rejected when given. */
  readonly BinaryListValues?: Uint8Array[];
}


export type { ResponseMetadata } from '../kernel';

export interface SqsOutput {
  readonly $metadata: ResponseMetadata;
}

export interface SendMessageInput {
  readonly QueueUrl?: string;
  readonly MessageBody: string | undefined;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
  /** Only `AWSTraceHeader` (DataType `String`) is supported, as in SQS. */
  readonly MessageSystemAttributes?: Record<string, SqsMessageAttributeValue>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

export interface SendMessageOutput extends SqsOutput {
  readonly MessageId?: string;
  readonly MD5OfMessageBody?: string;
  readonly MD5OfMessageAttributes?: string;
  readonly MD5OfMessageSystemAttributes?: string;
  readonly SequenceNumber?: string;
}

export interface SendMessageBatchRequestEntry extends Omit<SendMessageInput, 'QueueUrl'> {
  readonly Id: string | undefined;
}

export interface SendMessageBatchInput {
  readonly QueueUrl?: string;
  readonly Entries: SendMessageBatchRequestEntry[] | undefined;
}

export interface BatchResultErrorEntry {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message?: string;
}

export interface SendMessageBatchResultEntry {
  readonly Id: string;
  readonly MessageId: string;
  readonly MD5OfMessageBody: string;
  readonly MD5OfMessageAttributes?: string;
  readonly MD5OfMessageSystemAttributes?: string;
  readonly SequenceNumber?: string;
}

export interface SendMessageBatchOutput extends SqsOutput {
  readonly Successful: SendMessageBatchResultEntry[];
  readonly Failed: BatchResultErrorEntry[];
}

export type MessageSystemAttributeName =
  | 'All' | 'SenderId' | 'SentTimestamp' | 'ApproximateReceiveCount' | 'ApproximateFirstReceiveTimestamp'
  | 'SequenceNumber' | 'MessageDeduplicationId' | 'MessageGroupId' | 'AWSTraceHeader' | 'DeadLetterQueueSourceArn';

export interface ReceiveMessageInput {
  readonly QueueUrl?: string;
  /** @deprecated by AWS in favour of `MessageSystemAttributeNames`; both are honoured. */
  readonly AttributeNames?: string[];
  readonly MessageSystemAttributeNames?: string[];
  readonly MessageAttributeNames?: string[];
  readonly MaxNumberOfMessages?: number;
  readonly VisibilityTimeout?: number;
  readonly WaitTimeSeconds?: number;
  readonly ReceiveRequestAttemptId?: string;
}

/** SDK `Message`. */
export interface SqsMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
}

export interface ReceiveMessageOutput extends SqsOutput {
  /** Absent when no message was received, as in the SDK. */
  readonly Messages?: SqsMessage[];
}

export interface DeleteMessageInput {
  readonly QueueUrl?: string;
  readonly ReceiptHandle: string | undefined;
}

export interface DeleteMessageBatchRequestEntry {
  readonly Id: string | undefined;
  readonly ReceiptHandle: string | undefined;
}

export interface DeleteMessageBatchInput {
  readonly QueueUrl?: string;
  readonly Entries: DeleteMessageBatchRequestEntry[] | undefined;
}

export interface BatchResultIdEntry {
  readonly Id: string;
}

export interface DeleteMessageBatchOutput extends SqsOutput {
  readonly Successful: BatchResultIdEntry[];
  readonly Failed: BatchResultErrorEntry[];
}

export interface ChangeMessageVisibilityInput {
  readonly QueueUrl?: string;
  readonly ReceiptHandle: string | undefined;
  readonly VisibilityTimeout: number | undefined;
}

export interface ChangeMessageVisibilityBatchRequestEntry {
  readonly Id: string | undefined;
  readonly ReceiptHandle: string | undefined;
  readonly VisibilityTimeout?: number;
}

export interface ChangeMessageVisibilityBatchInput {
  readonly QueueUrl?: string;
  readonly Entries: ChangeMessageVisibilityBatchRequestEntry[] | undefined;
}

export interface ChangeMessageVisibilityBatchOutput extends SqsOutput {
  readonly Successful: BatchResultIdEntry[];
  readonly Failed: BatchResultErrorEntry[];
}

export interface GetQueueAttributesInput {
  readonly QueueUrl?: string;
  readonly AttributeNames?: string[];
}

export interface GetQueueAttributesOutput extends SqsOutput {
  readonly Attributes?: Record<string, string>;
}

export interface PurgeQueueInput {
  readonly QueueUrl?: string;
}

export interface StartMessageMoveTaskInput {
  /** Defaults to this queue's ARN (the handle's queue must be a dead-letter queue). */
  readonly SourceArn?: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
}

export interface StartMessageMoveTaskOutput extends SqsOutput {
  readonly TaskHandle?: string;
}

export interface ListMessageMoveTasksInput {
  /** Defaults to this queue's ARN. */
  readonly SourceArn?: string;
  readonly MaxResults?: number;
}

export interface ListMessageMoveTasksResultEntry {
  readonly TaskHandle?: string;
  readonly Status?: string;
  readonly SourceArn?: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
  readonly ApproximateNumberOfMessagesMoved?: number;
  readonly ApproximateNumberOfMessagesToMove?: number;
  readonly FailureReason?: string;
  readonly StartedTimestamp?: number;
}

export interface ListMessageMoveTasksOutput extends SqsOutput {
  readonly Results?: ListMessageMoveTasksResultEntry[];
}

export interface CancelMessageMoveTaskInput {
  readonly TaskHandle: string | undefined;
}

export interface CancelMessageMoveTaskOutput extends SqsOutput {
  readonly ApproximateNumberOfMessagesMoved?: number;
}
