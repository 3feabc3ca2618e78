import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  HttpApiAuthorization,
  HttpApiToLambda,
  RestApiAuthorization,
  RestApiToLambda,
  RestApiToQueue,
  WebSocketApiAuthorization,
  WebSocketApiToLambda,
} from '../src';
import { acknowledgeRules, allowLogsToUseKey } from '../src/core';

/** Lambda proxy handler (REST payload 1.0 and HTTP payload 2.0 both carry the body as a string). */
const ORDERS_HANDLER_CODE = `
exports.handler = async (event) => {
  const method = event.httpMethod ?? event.requestContext?.http?.method;
  const path = event.path ?? event.rawPath;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, path, receivedAt: new Date().toISOString() }),
  };
};
`;

/** WebSocket backend: accepts connections and echoes sendMessage payloads back through the @connections API. */
const CHAT_HANDLER_CODE = `
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
exports.handler = async (event) => {
  const { routeKey, connectionId, domainName, stage } = event.requestContext;
  if (routeKey === '$connect' || routeKey === '$disconnect') return { statusCode: 200 };
  const client = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
  const body = JSON.parse(event.body ?? '{}');
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify({ echo: body.message ?? null }) }));
  return { statusCode: 200 };
};
`;

/** One stack per API front door. */
export function addApiExamples(app: App): void {
  addRestApiToLambdaExample(app);
  addRestApiToQueueExample(app);
  addHttpApiToLambdaExample(app);
  addWebSocketApiToLambdaExample(app);
}

/** REST API -> Lambda, IAM-authorized, with a partner usage plan (API keys, throttle, quota) and a method throttle. */
function addRestApiToLambdaExample(app: App): void {
  const stack = new Stack(app, 'RestApiToLambdaExample', { description: 'RestApiToLambda: a secured REST API front door for a Lambda function' });
  const handler = new ExampleFunction(stack, 'OrdersHandler', { code: ORDERS_HANDLER_CODE, caller: 'API Gateway' }).function;
  new RestApiToLambda(stack, 'OrdersApi', {
    handler,
    authorization: RestApiAuthorization.iam(),
    usagePlans: [{
      name: 'partners',
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 10_000, period: apigw.Period.DAY },
      clientIds: ['acme', 'globex'],
    }],
    methodThrottles: [{ resourcePath: '/{proxy+}', httpMethod: 'DELETE', rateLimit: 1, burstLimit: 2 }],
  });
}

/** REST API -> SQS: orders are validated by API Gateway and written straight into a ResilientQueue. */
function addRestApiToQueueExample(app: App): void {
  const stack = new Stack(app, 'RestApiToQueueExample', { description: 'RestApiToQueue: API Gateway writing validated orders into a ResilientQueue' });
  new RestApiToQueue(stack, 'OrderIntake', {
    authorization: RestApiAuthorization.iam(),
    endpointType: apigw.EndpointType.REGIONAL,
    resourcePath: 'orders',
    requestBodySchema: {
      schema: apigw.JsonSchemaVersion.DRAFT4,
      type: apigw.JsonSchemaType.OBJECT,
      required: ['orderId', 'items'],
      properties: {
        orderId: { type: apigw.JsonSchemaType.STRING, minLength: 1 },
        items: { type: apigw.JsonSchemaType.ARRAY, minItems: 1 },
      },
    },
    queueProps: { visibilityTimeout: Duration.minutes(1), maxMessageAge: Duration.minutes(15) },
    // Orders may exceed the 8 KB body limit of AWSManagedRulesCommonRuleSet; SQS takes up to 1 MiB.
    webAcl: { countOnlyRules: ['SizeRestrictions_BODY'] },
  });
}

/** HTTP API -> Lambda behind a JWT authorizer (issuer and audience are deploy-time parameters). */
function addHttpApiToLambdaExample(app: App): void {
  const stack = new Stack(app, 'HttpApiToLambdaExample', { description: 'HttpApiToLambda: a JWT-protected HTTP API in front of a Lambda function' });
  const issuer = new CfnParameter(stack, 'JwtIssuer', { description: 'OpenID Connect issuer URL (https://...)', default: 'https://login.example.com/' });
  const audience = new CfnParameter(stack, 'JwtAudience', { description: 'Client id the tokens are issued to', default: 'orders-app' });
  const handler = new ExampleFunction(stack, 'OrdersHandler', { code: ORDERS_HANDLER_CODE, caller: 'API Gateway' }).function;
  new HttpApiToLambda(stack, 'OrdersHttpApi', {
    handler,
    authorization: HttpApiAuthorization.jwt(issuer.valueAsString, [audience.valueAsString]),
    throttle: { rateLimit: 50, burstLimit: 100 },
    corsPreflight: { allowOrigins: ['https://shop.example.com'], allowHeaders: ['authorization', 'content-type'], maxAge: Duration.hours(1) },
  });
}

/** WebSocket API -> Lambda: IAM-signed $connect, and a sendMessage route whose handler answers through @connections. */
function addWebSocketApiToLambdaExample(app: App): void {
  const stack = new Stack(app, 'WebSocketApiToLambdaExample', { description: 'WebSocketApiToLambda: a WebSocket chat backend on Lambda' });
  const handler = new ExampleFunction(stack, 'ChatHandler', { code: CHAT_HANDLER_CODE, caller: 'API Gateway WebSocket' }).function;
  new WebSocketApiToLambda(stack, 'Chat', {
    handler,
    authorization: WebSocketApiAuthorization.iam(),
    routes: [{ routeKey: 'sendMessage' }],
  });
}

interface ExampleFunctionProps {
  readonly code: string;
  /** Who invokes the function synchronously (named in the DLQ acknowledgement). */
  readonly caller: string;
}

/**
 * An inline Node.js 24 function with its own encrypted log group and a role holding only a customer managed policy
 * (so no AWS managed policy and no inline policy). Rules about choices only the function's owner can make are
 * acknowledged here, on the function, with the reason.
 */
class ExampleFunction extends Construct {
  public readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: ExampleFunctionProps) {
    super(scope, id);
    const logKey = new kms.Key(this, 'LogKey', { enableKeyRotation: true, description: `Encrypts the logs of ${this.node.path}` });
    allowLogsToUseKey(this, logKey);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.ManagedPolicy(this, 'WriteLogs', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
    });
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(props.code),
      timeout: Duration.seconds(10),
      role,
      logGroup,
    });
    acknowledgeRules(this.function, [
      ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
        {
          id: `${pack}-LambdaConcurrency`,
          reason: 'The API stage throttle bounds the request rate; reserving function concurrency would fail on accounts whose unreserved '
            + 'concurrency is already at its minimum.',
        },
        {
          id: `${pack}-LambdaDLQ`,
          reason: `Invoked synchronously by ${props.caller}, so a Lambda DLQ (asynchronous invocations only) would never receive anything; `
            + 'the caller sees the error.',
        },
      ]),
      ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({
        id: `${pack}-LambdaInsideVPC`,
        reason: 'The example handler reaches no private resource; attach it to a VPC when it needs private data stores.',
      })),
    ]);
  }
}
