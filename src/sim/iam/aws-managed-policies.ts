import { PolicyDocumentLike } from '../runtime';

/**
 * The AWS managed policies the library's constructs and the examples attach, with the statements AWS documents for
 * them (AWS Managed Policy Reference Guide). AWS managed policies are not in the template; a role attaching one not
 * listed here is reported in `sim.unsupported` and the policy grants nothing (the safe side: a test then sees the
 * denial rather than access the simulator cannot vouch for).
 */
const LOGS_WRITE = { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' };

const POLICIES: Readonly<Record<string, readonly object[]>> = {
  'AdministratorAccess': [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  'service-role/AWSLambdaBasicExecutionRole': [LOGS_WRITE],
  'service-role/AWSLambdaSQSQueueExecutionRole': [
    { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS_WRITE.Action], Resource: '*' },
  ],
  'service-role/AWSLambdaDynamoDBExecutionRole': [{
    Effect: 'Allow',
    Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOGS_WRITE.Action],
    Resource: '*',
  }],
  'service-role/AWSLambdaKinesisExecutionRole': [{
    Effect: 'Allow',
    Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards',
      'kinesis:ListStreams', 'kinesis:SubscribeToShard', ...LOGS_WRITE.Action],
    Resource: '*',
  }],
  'service-role/AWSLambdaVPCAccessExecutionRole': [{
    Effect: 'Allow',
    Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', ...LOGS_WRITE.Action],
    Resource: '*',
  }],
  'AWSXRayDaemonWriteAccess': [{
    Effect: 'Allow',
    Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
    Resource: '*',
  }],
  'service-role/AmazonAPIGatewayPushToCloudWatchLogs': [{
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents',
      'logs:GetLogEvents', 'logs:FilterLogEvents'],
    Resource: '*',
  }],
  'service-role/AmazonEC2ContainerServiceforEC2Role': [{
    Effect: 'Allow',
    Action: ['ec2:DescribeTags', 'ecs:CreateCluster', 'ecs:DeregisterContainerInstance', 'ecs:DiscoverPollEndpoint', 'ecs:Poll',
      'ecs:RegisterContainerInstance', 'ecs:StartTelemetrySession', 'ecs:UpdateContainerInstancesState', 'ecs:Submit*',
      'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
      'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }],
  'service-role/AmazonECSTaskExecutionRolePolicy': [{
    Effect: 'Allow',
    Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
      'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }],
};

/** An AWS managed policy's document by ARN (`arn:aws:iam::aws:policy/<path><name>`), or undefined when not in the table. */
export function awsManagedPolicy(arn: string): PolicyDocumentLike | undefined {
  const m = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
  const statements = m ? POLICIES[m[1]] : undefined;
  return statements ? { Version: '2012-10-17', Statement: statements as object[] } : undefined;
}

/** Whether an ARN names an AWS managed policy (in the table or not). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}
