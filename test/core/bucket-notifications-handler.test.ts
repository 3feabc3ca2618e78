import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { acknowledgeBucketNotificationsHandler } from '../../src/core';
import { newStack } from '../util/apps';
import { nagFindings } from '../util/nag';

function bucketWithNotification(): { stack: Stack; bucket: s3.Bucket } {
  const stack = newStack();
  const bucket = new s3.Bucket(stack, 'Bucket');
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'Queue')));
  return { stack, bucket };
}

/** Findings on aws-cdk-lib's notifications custom resource: its singleton handler and the bucket's handler policy. */
function handlerFindings(stack: Stack): string[] {
  return nagFindings(stack).filter(f => /BucketNotificationsHandler|Bucket\/Notifications\/HandlerPolicy/.test(f));
}

function acknowledgedIn(stack: Stack): string[] {
  return stack.node.findAll().flatMap((c: IConstruct) => c.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object).map(rule => `${c.node.path}: ${rule.replace(/^annotation::/i, '')}`)));
}

describe('acknowledgeBucketNotificationsHandler', () => {
  test('without it, the handler role and the inline handler policy are reported', () => {
    const { stack } = bucketWithNotification();
    expect(handlerFindings(stack)).toEqual(expect.arrayContaining([
      expect.stringMatching(/AwsSolutions-IAM4.*BucketNotificationsHandler.*\/Role/),
      expect.stringMatching(/NIST.800.53.R5-IAMNoInlinePolicy.*HandlerPolicy/),
    ]));
  });

  test('acknowledges exactly the handler role (IAM4 of the basic execution policy) and the bucket\'s inline handler policy', () => {
    const { stack, bucket } = bucketWithNotification();
    acknowledgeBucketNotificationsHandler(bucket);
    expect(handlerFindings(stack)).toEqual([]);
    const handler = stack.node.children.find(c => c.node.id.startsWith('BucketNotificationsHandler'))!;
    expect(acknowledgedIn(stack).sort()).toEqual([
      `${bucket.node.path}/Notifications/HandlerPolicy: HIPAA.Security-IAMNoInlinePolicy`,
      `${bucket.node.path}/Notifications/HandlerPolicy: NIST.800.53.R5-IAMNoInlinePolicy`,
      `${bucket.node.path}/Notifications/HandlerPolicy: PCI.DSS.321-IAMNoInlinePolicy`,
      `${handler.node.path}/Role: AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
    ]);
  });

  test('a bucket without notifications: nothing to acknowledge', () => {
    const stack = newStack();
    acknowledgeBucketNotificationsHandler(new s3.Bucket(stack, 'Bucket'));
    expect(acknowledgedIn(stack)).toEqual([]);
  });
});
