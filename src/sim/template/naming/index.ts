import { appFlowConnectorProfile, appFlowFlow } from './appflow';
import { batchComputeEnvironment, batchJobDefinition, batchJobQueue } from './batch';
import { cloudWatchAlarm } from './cloudwatch';
import { dynamoDbGlobalTable, dynamoDbTable } from './dynamodb';
import { firehoseDeliveryStream } from './firehose';
import { iamManagedPolicy, iamPolicy, iamRole, iamUser } from './iam';
import { kmsAlias, kmsKey } from './kms';
import { lambdaAlias, lambdaEventSourceMapping, lambdaFunction, lambdaPermission, lambdaVersion } from './lambda';
import { logGroup } from './logs';
import { s3Bucket, s3BucketPolicy } from './s3';
import { snsSubscription, snsTopic, snsTopicPolicy } from './sns';
import { sqsQueue, sqsQueuePolicy } from './sqs';
import { stateMachine } from './stepfunctions';
import { Namer } from './types';

export * from './types';
export { generatedName } from './generated-name';
export { isTrue } from '../properties';
export { genericResource } from './generic';

/** Naming rules by resource type. Types not listed get a generated physical id and placeholder attributes. */
export const NAMERS: Readonly<Record<string, Namer>> = {
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SQS::QueuePolicy': sqsQueuePolicy,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::SNS::TopicPolicy': snsTopicPolicy,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::EventSourceMapping': lambdaEventSourceMapping,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': s3BucketPolicy,
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::User': iamUser,
  'AWS::IAM::ManagedPolicy': iamManagedPolicy,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::Alias': kmsAlias,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::KinesisFirehose::DeliveryStream': firehoseDeliveryStream,
  'AWS::CloudWatch::Alarm': cloudWatchAlarm,
  'AWS::CloudWatch::CompositeAlarm': cloudWatchAlarm,
  'AWS::DynamoDB::Table': dynamoDbTable,
  'AWS::DynamoDB::GlobalTable': dynamoDbGlobalTable,
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::Batch::ComputeEnvironment': batchComputeEnvironment,
  'AWS::Batch::JobQueue': batchJobQueue,
  'AWS::Batch::JobDefinition': batchJobDefinition,
  'AWS::AppFlow::Flow': appFlowFlow,
  'AWS::AppFlow::ConnectorProfile': appFlowConnectorProfile,
};
