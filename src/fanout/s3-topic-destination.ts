import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { aws_s3 as s3Refs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';

/**
 * An S3 event notification destination for a KMS-encrypted topic, with a topic policy that admits S3 only for this
 * bucket (`aws:SourceArn`) in this account (`aws:SourceAccount`), as the S3 guide's "IAM policy for a destination SNS
 * topic" shows. aws-cdk-lib's SnsDestination checks only the source ARN (a bucket ARN carries no account, so a
 * deleted-and-recreated bucket name in another account would match) and grants S3 the topic key only under a
 * feature flag; without that grant S3 cannot publish to an encrypted topic.
 */
export class S3TopicDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly topic: sns.ITopic) {}

  public bind(scope: Construct, bucket: s3Refs.IBucketRef): s3.BucketNotificationDestinationConfig {
    const account = Stack.of(scope).account;
    const s3Principal = new iam.ServicePrincipal('s3.amazonaws.com');
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowS3EventsFromThisBucketOnly',
      principals: [s3Principal],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketRef.bucketArn },
        StringEquals: { 'aws:SourceAccount': account },
      },
    }));
    if (this.topic.masterKey) {
      // Publishing to an encrypted topic needs the key; S3's documentation grants exactly these two calls.
      const added = this.topic.masterKey.addToResourcePolicy(new iam.PolicyStatement({
        principals: [s3Principal],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
      }), true);
      if (!added.statementAdded) {
        Annotations.of(scope).addWarningV2('cdk-decoupling-patterns:s3TopicKeyPolicy',
          'The topic key is imported: allow s3.amazonaws.com kms:GenerateDataKey and kms:Decrypt on it, or S3 cannot publish to the topic.');
      }
    }
    // The notification may only be configured once the topic (and its policy, a child of the topic) exists.
    return { arn: this.topic.topicArn, type: s3.BucketNotificationDestinationType.TOPIC, dependencies: [this.topic] };
  }
}
