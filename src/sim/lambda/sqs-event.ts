/**
 * The SQS event Lambda passes to a function from an event source mapping, field for field as the Lambda developer
 * guide's example event (and AWS Lambda Powertools' SqsRecordSchema) has it: camelCase record fields, the system
 * attributes Lambda requests (with the FIFO ones for FIFO queues, in the documented order), message attributes as
 * `{ stringValue | binaryValue (base64), stringListValues: [], binaryListValues: [], dataType }`,
 * `md5OfMessageAttributes` null when the message has none, `eventSource: 'aws:sqs'`.
 */
import { MessageAttributeValue, ReceivedQueueMessage } from '../runtime';

export interface SqsEventMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsEventMessageAttribute>;
  md5OfMessageAttributes: string | null;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export interface SqsEvent {
  Records: SqsEventRecord[];
}

/** System attributes in the order Lambda's sample events list them (FIFO-only ones are skipped when absent). */
const ATTRIBUTE_ORDER = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

export function sqsEventRecord(message: ReceivedQueueMessage, queueArn: string, region: string): SqsEventRecord {
  const attributes: Record<string, string> = {};
  const source = message.Attributes ?? {};
  for (const name of ATTRIBUTE_ORDER) {
    const value = source[name];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SqsEventMessageAttribute> = {};
  const inbound = message.MessageAttributes;
  let hasAttributes = false;
  if (inbound) {
    for (const name of Object.keys(inbound)) {
      messageAttributes[name] = eventAttribute(inbound[name]);
      hasAttributes = true;
    }
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes,
    messageAttributes,
    md5OfMessageAttributes: hasAttributes && message.MD5OfMessageAttributes ? message.MD5OfMessageAttributes : null,
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function eventAttribute(value: MessageAttributeValue): SqsEventMessageAttribute {
  const out: SqsEventMessageAttribute = { stringListValues: [], binaryListValues: [], dataType: value.DataType };
  if (value.StringValue !== undefined) {
    return { stringValue: value.StringValue, ...out };
  }
  if (value.BinaryValue !== undefined) {
    return { binaryValue: Buffer.from(value.BinaryValue).toString('base64'), ...out };
  }
  return out;
}
