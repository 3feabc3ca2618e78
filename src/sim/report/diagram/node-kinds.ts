/**
 * Which template resources become nodes, and how they are drawn. Three sets: resources drawn as nodes (the
 * decoupling path), configuration that only links nodes (subscriptions, mappings, policies, routes: their extractors
 * turn them into edges), and infrastructure (roles, keys, log groups, networking), drawn only when asked for.
 */
import type { NodeKind } from './model';

export interface NodeKindInfo {
  readonly kind: NodeKind;
  /** What it is, in words. */
  readonly subtitle: string;
}

/** Resources drawn as nodes. A type that is in none of the three sets is drawn as a plain `resource` node. */
export const NODE_KINDS: Readonly<Record<string, NodeKindInfo>> = {
  'AWS::SQS::Queue': { kind: 'queue', subtitle: 'SQS queue' },
  'AWS::SNS::Topic': { kind: 'topic', subtitle: 'SNS topic' },
  'AWS::Lambda::Function': { kind: 'function', subtitle: 'Lambda function' },
  'AWS::Serverless::Function': { kind: 'function', subtitle: 'Lambda function' },
  'AWS::S3::Bucket': { kind: 'bucket', subtitle: 'S3 bucket' },
  'AWS::CloudWatch::Alarm': { kind: 'alarm', subtitle: 'CloudWatch alarm' },
  'AWS::CloudWatch::CompositeAlarm': { kind: 'alarm', subtitle: 'composite alarm' },
  'AWS::KinesisFirehose::DeliveryStream': { kind: 'stream', subtitle: 'Firehose stream' },
  'AWS::Kinesis::Stream': { kind: 'stream', subtitle: 'Kinesis stream' },
  'AWS::ApiGateway::RestApi': { kind: 'api', subtitle: 'REST API' },
  'AWS::ApiGatewayV2::Api': { kind: 'api', subtitle: 'HTTP API' },
  'AWS::StepFunctions::StateMachine': { kind: 'stateMachine', subtitle: 'state machine' },
  'AWS::DynamoDB::Table': { kind: 'table', subtitle: 'DynamoDB table' },
  'AWS::DynamoDB::GlobalTable': { kind: 'table', subtitle: 'DynamoDB table' },
  'AWS::Batch::JobQueue': { kind: 'jobQueue', subtitle: 'Batch job queue' },
  'AWS::Batch::ComputeEnvironment': { kind: 'computeEnvironment', subtitle: 'Batch compute environment' },
  'AWS::Batch::JobDefinition': { kind: 'jobDefinition', subtitle: 'Batch job definition' },
  'AWS::AppFlow::Flow': { kind: 'flow', subtitle: 'AppFlow flow' },
  'AWS::Events::Rule': { kind: 'rule', subtitle: 'EventBridge rule' },
  'AWS::Scheduler::Schedule': { kind: 'rule', subtitle: 'EventBridge schedule' },
  'AWS::Events::EventBus': { kind: 'bus', subtitle: 'event bus' },
  'AWS::Pipes::Pipe': { kind: 'rule', subtitle: 'EventBridge pipe' },
  'AWS::AmazonMQ::Broker': { kind: 'broker', subtitle: 'Amazon MQ broker' },
};

/** Configuration: never a node of its own; the extractors draw what it links. */
export const CONFIGURATION_TYPES: ReadonlySet<string> = new Set([
  'AWS::CDK::Metadata',
  'AWS::CloudFormation::WaitConditionHandle',
  'AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy',
  'AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy',
  'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Permission', 'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::Version', 'AWS::Lambda::Alias', 'AWS::Lambda::Url',
  'AWS::S3::BucketPolicy', 'Custom::S3BucketNotifications',
  'AWS::ApiGateway::Resource', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Account', 'AWS::ApiGateway::Model', 'AWS::ApiGateway::RequestValidator', 'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey', 'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::DomainName',
  'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Deployment',
  'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::IntegrationResponse',
  'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGatewayV2::DomainName',
  'AWS::AppFlow::ConnectorProfile',
  'AWS::Batch::SchedulingPolicy',
  'AWS::Events::Archive',
  'AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::LoggingConfiguration',
  'AWS::Logs::LogStream', 'AWS::Logs::ResourcePolicy',
]);

/** Infrastructure by type prefix: drawn only with `{ infrastructure: true }`. */
const INFRASTRUCTURE_PREFIXES = [
  'AWS::IAM::', 'AWS::KMS::', 'AWS::Logs::', 'AWS::EC2::', 'AWS::CloudFormation::', 'AWS::WAFv2::', 'AWS::SecretsManager::',
  'AWS::SSM::', 'AWS::Backup::', 'AWS::CertificateManager::', 'AWS::Route53::', 'AWS::CloudWatch::Dashboard', 'AWS::Lambda::LayerVersion', 'Custom::',
];

export function isInfrastructureType(type: string): boolean {
  return INFRASTRUCTURE_PREFIXES.some(p => type.startsWith(p));
}

/** A readable kind for a type with no entry (`AWS::Glue::Job` -> `Glue Job`). */
export function genericSubtitle(type: string): string {
  const parts = type.split('::');
  return parts.length === 3 ? `${parts[1]} ${parts[2]}` : type;
}
