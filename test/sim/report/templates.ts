/** Hand-written templates for the report tests: one per integration the diagram reads. */

const role = (statements: object[] = []) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    Policies: statements.length ? [{ PolicyName: 'grants', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] : undefined,
  },
});

const fn = (name: string, roleId: string, extra: object = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => ({})' }, Role: { 'Fn::GetAtt': [roleId, 'Arn'] }, ...extra },
});

const lambdaUri = (fnId: string) => ({ 'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fnId}.Arn}/invocations` });

/** REST API: POST /orders -> SQS (AWS integration through a role), GET /orders/{id} -> Lambda proxy, a Lambda authorizer. */
export const restApiTemplate = {
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } },
    IntegrationRole: role([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } }]),
    ReaderRole: role(),
    Reader: fn('order-reader', 'ReaderRole'),
    Authorizer: fn('authorizer', 'ReaderRole'),
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'shop' } },
    Orders: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'orders' } },
    Order: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Orders' }, PathPart: '{id}' } },
    PostOrders: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: 'Orders' },
        HttpMethod: 'POST',
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'AWS',
          IntegrationHttpMethod: 'POST',
          Credentials: { 'Fn::GetAtt': ['IntegrationRole', 'Arn'] },
          Uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Queue.QueueName}' },
          RequestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
          RequestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$input.body' },
        },
      },
    },
    GetOrder: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: 'Order' },
        HttpMethod: 'GET',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'Auth' },
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: lambdaUri('Reader') },
      },
    },
    OptionsOrders: {
      Type: 'AWS::ApiGateway::Method',
      Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: 'Orders' }, HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: { Type: 'MOCK' } },
    },
    Auth: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Name: 'tokens', Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerUri: lambdaUri('Authorizer') } },
  },
};

/** HTTP API: POST /orders -> Lambda; WebSocket API: $connect -> Lambda. */
export const httpApiTemplate = {
  Resources: {
    Role: role(),
    Handler: fn('orders', 'Role'),
    Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'http', ProtocolType: 'HTTP' } },
    HttpIntegration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Http' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Handler', 'Arn'] }, PayloadFormatVersion: '2.0' } },
    HttpRoute: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Http' }, RouteKey: 'POST /orders', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'HttpIntegration' }]] } } },
    Ws: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    WsIntegration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Ws' }, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaUri('Handler') } },
    WsConnect: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Ws' }, RouteKey: '$connect', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'WsIntegration' }]] } } },
  },
};

/** A state machine whose tasks call a function (and wait for a token), a queue, a table, and S3 through aws-sdk. */
export const stateMachineTemplate = {
  Resources: {
    Role: role(),
    Charge: fn('charge', 'Role'),
    Picks: { Type: 'AWS::SQS::Queue', Properties: {} },
    Reservations: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' } },
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
        DefinitionString: {
          'Fn::Join': ['', [
            '{"StartAt":"Reserve","States":{',
            '"Reserve":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"', { Ref: 'Reservations' }, '","Item":{}},"Next":"Both"},',
            '"Both":{"Type":"Parallel","Branches":[',
            '{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"', { 'Fn::GetAtt': ['Charge', 'Arn'] }, '","Payload.$":"$"},"End":true}}},',
            '{"StartAt":"Pick","States":{"Pick":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"', { Ref: 'Picks' }, '","MessageBody.$":"$"},"End":true}}}',
            '],"Next":"Archive"},',
            '"Archive":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject","Parameters":{"Bucket.$":"$.bucket","Key":"k","Body":"b"},"End":true}',
            '}}',
          ]],
        },
      },
    },
  },
};

/** Everything else: Batch, AppFlow, Firehose, S3 notifications, an event source mapping, destinations, a rule, alarms. */
export const pipelineTemplate = {
  Resources: {
    Role: role(),
    JobRole: role([{ Effect: 'Allow', Action: ['dynamodb:BatchWriteItem'], Resource: { 'Fn::GetAtt': ['Results', 'Arn'] } }]),
    SubmitterRole: role([
      { Effect: 'Allow', Action: 'batch:SubmitJob', Resource: [{ Ref: 'JobQueue' }, '*'] },
      // The event source mapping polls as this role: Lambda refuses the mapping without these (execution role permissions).
      { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: { 'Fn::GetAtt': ['Work', 'Arn'] } },
    ]),
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        NotificationConfiguration: {
          QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: { 'Fn::GetAtt': ['Work', 'Arn'] }, Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'in/' }, { Name: 'suffix', Value: '.csv' }] } } }],
        },
      },
    },
    Work: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDlq', 'Arn'] }, maxReceiveCount: 3 } } },
    WorkDlq: { Type: 'AWS::SQS::Queue', Properties: {} },
    Submitter: fn('submitter', 'SubmitterRole', { Environment: { Variables: { JOB_QUEUE: { Ref: 'JobQueue' } } } }),
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Work', 'Arn'] }, FunctionName: { Ref: 'Submitter' }, BatchSize: 5, FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["csv"]}}' }] } },
    },
    Destinations: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: { FunctionName: { Ref: 'Submitter' }, Qualifier: '$LATEST', DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } } },
    },
    Failures: { Type: 'AWS::SQS::Queue', Properties: {} },
    Compute: { Type: 'AWS::Batch::ComputeEnvironment', Properties: { Type: 'MANAGED', ComputeResources: { Type: 'FARGATE', MaxvCpus: 4, Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] } } },
    JobQueue: { Type: 'AWS::Batch::JobQueue', Properties: { Priority: 1, ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: { Ref: 'Compute' } }] } },
    JobDefinition: { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'img', ResourceRequirements: [{ Type: 'VCPU', Value: '1' }, { Type: 'MEMORY', Value: '2048' }], JobRoleArn: { 'Fn::GetAtt': ['JobRole', 'Arn'] } } } },
    Results: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' } },
    Landing: { Type: 'AWS::S3::Bucket', Properties: {} },
    Accounts: {
      Type: 'AWS::AppFlow::Flow',
      Properties: {
        FlowName: 'accounts',
        TriggerConfig: { TriggerType: 'Scheduled', TriggerProperties: { ScheduleExpression: 'rate(1hours)' } },
        SourceFlowConfig: { ConnectorType: 'Salesforce', ConnectorProfileName: 'sf', SourceConnectorProperties: { Salesforce: { Object: 'Account' } } },
        DestinationFlowConfigList: [{ ConnectorType: 'S3', DestinationConnectorProperties: { S3: { BucketName: { Ref: 'Landing' }, BucketPrefix: 'accounts' } } }],
        Tasks: [],
      },
    },
    Archive: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: { ExtendedS3DestinationConfiguration: { BucketARN: { 'Fn::GetAtt': ['Landing', 'Arn'] }, Prefix: 'archive/', RoleARN: { 'Fn::GetAtt': ['Role', 'Arn'] } } } },
    Nightly: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'cron(0 2 * * ? *)', Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': ['Submitter', 'Arn'] } }] } },
    Alerts: { Type: 'AWS::SNS::Topic', Properties: {} },
    DlqDepth: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['WorkDlq', 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: 'Alerts' }],
        OKActions: [{ Ref: 'Alerts' }],
      },
    },
  },
};
