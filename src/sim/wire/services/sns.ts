/**
 * Amazon SNS on the wire: the query protocol (`Action=Publish&Version=2010-03-31`), with the names of the SNS API
 * reference (`MessageAttributes.entry.1.Name`, `PublishBatchRequestEntries.member.1.Id`). SDK v3 and the AWS CLI
 * speak it.
 */
import { notSimulated } from '../protocols/operation';
import { blob, boolean, list, map, string, struct } from '../protocols/shapes';
import { WireService } from '../types';

const attributes = map(struct({ DataType: string, StringValue: string, BinaryValue: blob }), { keyName: 'Name', valueName: 'Value' });
const publishFields = {
  Message: string,
  Subject: string,
  MessageStructure: string,
  MessageAttributes: attributes,
  MessageDeduplicationId: string,
  MessageGroupId: string,
};

export const SNS_WIRE: WireService = {
  namespace: 'sns',
  title: 'Amazon SNS',
  signingName: 'sns',
  hostPattern: /^sns\./,
  auth: 'query',
  query: { version: '2010-03-31', xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' },
  operations: {
    Publish: {
      input: struct({ TopicArn: string, TargetArn: string, PhoneNumber: string, ...publishFields }),
      output: struct({ MessageId: string, SequenceNumber: string }),
    },
    PublishBatch: {
      input: struct({ TopicArn: string, PublishBatchRequestEntries: list(struct({ Id: string, ...publishFields })) }),
      output: struct({
        Successful: list(struct({ Id: string, MessageId: string, SequenceNumber: string })),
        Failed: list(struct({ Id: string, Code: string, Message: string, SenderFault: boolean })),
      }),
    },
    ...notSimulated('CreateTopic', 'DeleteTopic', 'Subscribe', 'Unsubscribe', 'ConfirmSubscription', 'ListTopics', 'ListSubscriptions',
      'ListSubscriptionsByTopic', 'GetTopicAttributes', 'SetTopicAttributes', 'GetSubscriptionAttributes', 'SetSubscriptionAttributes',
      'TagResource', 'UntagResource', 'ListTagsForResource', 'AddPermission', 'RemovePermission'),
  },
};
