/**
 * Amazon SQS on the wire: the JSON protocol (awsJson1_0, `AmazonSQS.<Action>`, query-compatible error codes) that
 * current SDKs and the AWS CLI speak, and the query protocol (form-encoded, XML answers) of older clients. The query
 * names follow the SQS API reference (`MessageAttribute.1.Name`, `SendMessageBatchRequestEntry.1.Id`,
 * `AttributeName.1`); XML results use the same flattened names.
 */
import { notSimulated } from '../protocols/operation';
import { blob, boolean, integer, list, map, member, string, struct } from '../protocols/shapes';
import { WireService } from '../types';

const flat = (shape: Parameters<typeof list>[0], name: string) => member(list(shape, { flattened: true }), { name });

const attributeValue = struct({
  StringValue: string,
  BinaryValue: blob,
  StringListValues: flat(string, 'StringListValue'),
  BinaryListValues: flat(blob, 'BinaryListValue'),
  DataType: string,
});
const attributeMap = (name: string) => member(map(attributeValue, { flattened: true, keyName: 'Name', valueName: 'Value' }), { name });
const stringMap = (name: string) => member(map(string, { flattened: true, keyName: 'Name', valueName: 'Value' }), { name });

const sendFields = {
  MessageBody: string,
  DelaySeconds: integer,
  MessageAttributes: attributeMap('MessageAttribute'),
  MessageSystemAttributes: attributeMap('MessageSystemAttribute'),
  MessageDeduplicationId: string,
  MessageGroupId: string,
};
const sendResult = {
  MessageId: string,
  MD5OfMessageBody: string,
  MD5OfMessageAttributes: string,
  MD5OfMessageSystemAttributes: string,
  SequenceNumber: string,
};
const errorEntry = struct({ Id: string, SenderFault: boolean, Code: string, Message: string });
const idEntry = struct({ Id: string });

const message = struct({
  MessageId: string,
  ReceiptHandle: string,
  MD5OfBody: string,
  Body: string,
  Attributes: stringMap('Attribute'),
  MD5OfMessageAttributes: string,
  MessageAttributes: attributeMap('MessageAttribute'),
});

const moveTask = struct({
  TaskHandle: string,
  Status: string,
  SourceArn: string,
  DestinationArn: string,
  MaxNumberOfMessagesPerSecond: integer,
  ApproximateNumberOfMessagesMoved: integer,
  ApproximateNumberOfMessagesToMove: integer,
  FailureReason: string,
  StartedTimestamp: integer,
});

export const SQS_WIRE: WireService = {
  namespace: 'sqs',
  title: 'Amazon SQS',
  signingName: 'sqs',
  hostPattern: /^(sqs\.|queue\.|[a-z]{2}(-[a-z]+)+-\d\.queue\.)/,
  auth: 'query',
  json: { version: '1.0', targetPrefix: 'AmazonSQS', errorNamespace: 'com.amazonaws.sqs', queryCompatible: true },
  query: { version: '2012-11-05', xmlns: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  operations: {
    SendMessage: { input: struct({ QueueUrl: string, ...sendFields }), output: struct(sendResult) },
    SendMessageBatch: {
      input: struct({ QueueUrl: string, Entries: flat(struct({ Id: string, ...sendFields }), 'SendMessageBatchRequestEntry') }),
      output: struct({
        Successful: flat(struct({ Id: string, ...sendResult }), 'SendMessageBatchResultEntry'),
        Failed: flat(errorEntry, 'BatchResultErrorEntry'),
      }),
    },
    ReceiveMessage: {
      input: struct({
        QueueUrl: string,
        AttributeNames: flat(string, 'AttributeName'),
        MessageSystemAttributeNames: flat(string, 'MessageSystemAttributeName'),
        MessageAttributeNames: flat(string, 'MessageAttributeName'),
        MaxNumberOfMessages: integer,
        VisibilityTimeout: integer,
        WaitTimeSeconds: integer,
        ReceiveRequestAttemptId: string,
      }),
      output: struct({ Messages: flat(message, 'Message') }),
    },
    DeleteMessage: { input: struct({ QueueUrl: string, ReceiptHandle: string }), output: struct({}) },
    DeleteMessageBatch: {
      input: struct({ QueueUrl: string, Entries: flat(struct({ Id: string, ReceiptHandle: string }), 'DeleteMessageBatchRequestEntry') }),
      output: struct({ Successful: flat(idEntry, 'DeleteMessageBatchResultEntry'), Failed: flat(errorEntry, 'BatchResultErrorEntry') }),
    },
    ChangeMessageVisibility: { input: struct({ QueueUrl: string, ReceiptHandle: string, VisibilityTimeout: integer }), output: struct({}) },
    ChangeMessageVisibilityBatch: {
      input: struct({
        QueueUrl: string,
        Entries: flat(struct({ Id: string, ReceiptHandle: string, VisibilityTimeout: integer }), 'ChangeMessageVisibilityBatchRequestEntry'),
      }),
      output: struct({ Successful: flat(idEntry, 'ChangeMessageVisibilityBatchResultEntry'), Failed: flat(errorEntry, 'BatchResultErrorEntry') }),
    },
    GetQueueAttributes: {
      input: struct({ QueueUrl: string, AttributeNames: flat(string, 'AttributeName') }),
      output: struct({ Attributes: stringMap('Attribute') }),
    },
    PurgeQueue: { input: struct({ QueueUrl: string }), output: struct({}) },
    StartMessageMoveTask: {
      input: struct({ SourceArn: string, DestinationArn: string, MaxNumberOfMessagesPerSecond: integer }),
      output: struct({ TaskHandle: string }),
    },
    ListMessageMoveTasks: {
      input: struct({ SourceArn: string, MaxResults: integer }),
      output: struct({ Results: flat(moveTask, 'ListMessageMoveTasksResultEntry') }),
    },
    CancelMessageMoveTask: { input: struct({ TaskHandle: string }), output: struct({ ApproximateNumberOfMessagesMoved: integer }) },
    GetQueueUrl: { input: struct({ QueueName: string, QueueOwnerAWSAccountId: string }), output: struct({ QueueUrl: string }) },
    ListQueues: {
      input: struct({ QueueNamePrefix: string, NextToken: string, MaxResults: integer }),
      output: struct({ QueueUrls: flat(string, 'QueueUrl'), NextToken: string }),
    },
    ...notSimulated('CreateQueue', 'DeleteQueue', 'SetQueueAttributes', 'ListQueueTags', 'TagQueue',
      'UntagQueue', 'AddPermission', 'RemovePermission', 'ListDeadLetterSourceQueues'),
  },
};
