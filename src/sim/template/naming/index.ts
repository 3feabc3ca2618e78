import {
  apiGatewayApiKey, apiGatewayAuthorizer, apiGatewayDeployment, apiGatewayGatewayResponse, apiGatewayMethod, apiGatewayModel,
  apiGatewayRequestValidator, apiGatewayResource, apiGatewayRestApi, apiGatewayStage, apiGatewayUsagePlan, apiGatewayUsagePlanKey,
  apiGatewayV2Api, apiGatewayV2Authorizer, apiGatewayV2Deployment, apiGatewayV2Integration, apiGatewayV2IntegrationResponse,
  apiGatewayV2Route, apiGatewayV2RouteResponse, cognitoUserPool, cognitoUserPoolClient, wafv2WebAcl,
} from './apigateway';
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
  'AWS::ApiGateway::RestApi': apiGatewayRestApi,
  'AWS::ApiGateway::Resource': apiGatewayResource,
  'AWS::ApiGateway::Method': apiGatewayMethod,
  'AWS::ApiGateway::Deployment': apiGatewayDeployment,
  'AWS::ApiGateway::Stage': apiGatewayStage,
  'AWS::ApiGateway::Authorizer': apiGatewayAuthorizer,
  'AWS::ApiGateway::Model': apiGatewayModel,
  'AWS::ApiGateway::RequestValidator': apiGatewayRequestValidator,
  'AWS::ApiGateway::ApiKey': apiGatewayApiKey,
  'AWS::ApiGateway::UsagePlan': apiGatewayUsagePlan,
  'AWS::ApiGateway::UsagePlanKey': apiGatewayUsagePlanKey,
  'AWS::ApiGateway::GatewayResponse': apiGatewayGatewayResponse,
  'AWS::ApiGatewayV2::Api': apiGatewayV2Api,
  'AWS::ApiGatewayV2::Stage': apiGatewayStage,
  'AWS::ApiGatewayV2::Route': apiGatewayV2Route,
  'AWS::ApiGatewayV2::RouteResponse': apiGatewayV2RouteResponse,
  'AWS::ApiGatewayV2::Integration': apiGatewayV2Integration,
  'AWS::ApiGatewayV2::IntegrationResponse': apiGatewayV2IntegrationResponse,
  'AWS::ApiGatewayV2::Authorizer': apiGatewayV2Authorizer,
  'AWS::ApiGatewayV2::Deployment': apiGatewayV2Deployment,
  'AWS::WAFv2::WebACL': wafv2WebAcl,
  'AWS::Cognito::UserPool': cognitoUserPool,
  'AWS::Cognito::UserPoolClient': cognitoUserPoolClient,
};
