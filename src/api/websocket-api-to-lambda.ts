import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AccessLogFormats } from './access-log-formats';
import { ApiGatewayCloudWatchAccount } from './api-gateway-cloudwatch-account';
import { ApiLogGroups } from './api-log-groups';
import { ApiThrottle } from './api-throttle';
import { LambdaInvokePermission } from './lambda-invoke-permission';
import { WebSocketLambdaProxyIntegration } from './lambda-route-integrations';
import { DEFAULT_API_THROTTLE, ThrottleValidation } from './throttle-validation';
import { WebSocketApiAuthorization } from './websocket-api-authorization';
import { acknowledgeRules, NagFinding, PropValidationError } from '../core';

/** A custom route of a WebSocket API, selected by the route selection expression. */
export interface WebSocketLambdaRoute {
  /** The value of the route selection expression that selects this route, e.g. `sendMessage`. Must not start with `$`. */
  readonly routeKey: string;
  /**
   * The function handling messages of this route.
   * @default - the construct's handler
   */
  readonly handler?: lambda.IFunction;
  /**
   * Two-way route: the function's return value is sent back to the client.
   * @default false
   */
  readonly returnResponse?: boolean;
}

/** Props of WebSocketApiToLambda. */
export interface WebSocketApiToLambdaProps {
  /** The function behind every route unless a route names its own. Any IFunction, also imported. */
  readonly handler: lambda.IFunction;
  /**
   * Handles `$connect` (a client opens a connection; return a non-2xx status to refuse it).
   * @default - handler
   */
  readonly connectHandler?: lambda.IFunction;
  /**
   * Handles `$disconnect` (best effort: API Gateway may not deliver it).
   * @default - handler
   */
  readonly disconnectHandler?: lambda.IFunction;
  /**
   * Handles `$default` (messages that match no custom route).
   * @default - handler
   */
  readonly defaultHandler?: lambda.IFunction;
  /**
   * Custom routes, selected by the route selection expression.
   * @default - no custom routes: every message goes to $default
   */
  readonly routes?: WebSocketLambdaRoute[];
  /**
   * Which part of a JSON message selects the route: `$request.body.<field>`.
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;
  /**
   * How clients authenticate on `$connect` (IAM or a Lambda authorizer). Required unless
   * `allowUnauthenticatedAccess` is true; giving neither is a synth-time error.
   * @default - none: synthesis fails unless allowUnauthenticatedAccess is true
   */
  readonly authorization?: WebSocketApiAuthorization;
  /**
   * Let anyone who can reach the endpoint connect, with NO authorization. cdk-nag keeps reporting it on `$connect`
   * (AwsSolutions-APIG4). Cannot be combined with `authorization`.
   * @default false
   */
  readonly allowUnauthenticatedAccess?: boolean;
  /**
   * Name of the WebSocket API.
   * @default - the construct id
   */
  readonly apiName?: string;
  /**
   * Description of the WebSocket API.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Name of the stage: 1 to 128 letters, digits, hyphens or underscores.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Default throttle of every route (messages and connects per second, and burst).
   * @default - 500 per second, burst 1000
   */
  readonly throttle?: ApiThrottle;
  /**
   * Execution logging level of every route (OFF, ERROR or INFO).
   * @default MethodLoggingLevel.INFO
   */
  readonly executionLoggingLevel?: apigw.MethodLoggingLevel;
  /**
   * Also log full message bodies in execution logs. They may carry personal data or secrets.
   * @default false
   */
  readonly dataTraceEnabled?: boolean;
  /**
   * Create the account-level role API Gateway needs to write execution logs (one setting per account and region,
   * retained on deletion). Set false when your account already has one.
   * @default true
   */
  readonly cloudWatchRole?: boolean;
  /**
   * Retention of the access and execution logs.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * KMS key encrypting the log groups.
   * @default - a key with rotation is created
   */
  readonly logEncryptionKey?: kms.IKey;
}

const CONSTRUCT = 'WebSocketApiToLambda';
const RESERVED_ROUTES = ['$connect', '$disconnect', '$default'];

/**
 * A WebSocket API whose `$connect`, `$disconnect`, `$default` and custom routes go to Lambda functions. Clients are
 * authorized on `$connect`; every backend function may post to, inspect and close connections through the
 * `@connections` management API of this stage (execute-api:ManageConnections, in a customer managed policy attached
 * to the functions' roles). The stage auto-deploys, throttles, and writes JSON access logs and execution logs to
 * encrypted log groups with retention. Invoke permissions are always created, one per function, scoped to this API.
 */
export class WebSocketApiToLambda extends Construct {
  private static validate(props: WebSocketApiToLambdaProps): void {
    if (props.authorization === undefined && props.allowUnauthenticatedAccess !== true) {
      throw new PropValidationError(CONSTRUCT, 'authorization', undefined,
        'an authorizer on $connect (WebSocketApiAuthorization.iam() or .lambda(...)), '
        + 'or allowUnauthenticatedAccess: true to let anyone connect without authorization');
    }
    if (props.authorization !== undefined && props.allowUnauthenticatedAccess === true) {
      throw new PropValidationError(CONSTRUCT, 'allowUnauthenticatedAccess', true, 'false (or left out) when an authorization is given');
    }
    const stageName = props.stageName;
    if (stageName !== undefined && !Token.isUnresolved(stageName) && !/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
      throw new PropValidationError(CONSTRUCT, 'stageName', stageName, '1 to 128 letters, digits, hyphens or underscores');
    }
    const expression = props.routeSelectionExpression;
    if (expression !== undefined && !Token.isUnresolved(expression) && !/^\$\{?request\.body\.[A-Za-z0-9_.-]+\}?$/.test(expression)) {
      throw new PropValidationError(CONSTRUCT, 'routeSelectionExpression', expression, 'a JSON body field selector like $request.body.action');
    }
    ThrottleValidation.throttle(CONSTRUCT, 'throttle', props.throttle);
    const keys = new Set<string>();
    (props.routes ?? []).forEach((route, i) => {
      const key = route.routeKey;
      if (key.length === 0 || key.startsWith('$')) {
        throw new PropValidationError(CONSTRUCT, `routes[${i}].routeKey`, key,
          `a non-empty value not starting with "$" (${RESERVED_ROUTES.join(', ')} have their own handler props)`);
      }
      if (keys.has(key)) throw new PropValidationError(CONSTRUCT, `routes[${i}].routeKey`, key, 'a route key not used by another route');
      keys.add(key);
    });
  }

  public readonly webSocketApi: apigwv2.WebSocketApi;
  public readonly stage: apigwv2.WebSocketStage;
  /** The routes by route key ($connect, $disconnect, $default and the custom ones). */
  public readonly routes: Record<string, apigwv2.WebSocketRoute> = {};
  /** The `$connect` authorizer (undefined with allowUnauthenticatedAccess). */
  public readonly authorizer?: apigwv2.IWebSocketRouteAuthorizer;
  public readonly accessLogGroup: logs.LogGroup;
  /** Pre-created `/aws/apigateway/{apiId}/{stage}` group, so execution logs get retention and encryption. */
  public readonly executionLogGroup: logs.LogGroup;
  public readonly logEncryptionKey: kms.IKey;
  /** execute-api:ManageConnections on this stage's @connections, attached to every backend function's role. */
  public readonly manageConnectionsPolicy: iam.ManagedPolicy;
  /** One invoke permission per distinct backend function. */
  public readonly invokePermissions: lambda.CfnPermission[] = [];
  /** The wss:// URL clients connect to. */
  public readonly url: string;
  /** The https:// URL backends post to (`@connections/{connectionId}`). */
  public readonly callbackUrl: string;

  constructor(scope: Construct, id: string, props: WebSocketApiToLambdaProps) {
    super(scope, id);
    WebSocketApiToLambda.validate(props);
    const stageName = props.stageName ?? 'prod';
    const bound = props.authorization?._bind();
    this.authorizer = bound?.authorizer;

    this.webSocketApi = new apigwv2.WebSocketApi(this, 'WebSocketApi', {
      apiName: props.apiName ?? id,
      description: props.description,
      routeSelectionExpression: props.routeSelectionExpression ?? '$request.body.action',
    });

    const integrations = new Map<lambda.IFunction, WebSocketLambdaProxyIntegration>();
    const integrationFor = (handler: lambda.IFunction): WebSocketLambdaProxyIntegration => {
      let integration = integrations.get(handler);
      if (integration === undefined) {
        integration = new WebSocketLambdaProxyIntegration(`LambdaIntegration${integrations.size + 1}`, handler);
        integrations.set(handler, integration);
      }
      return integration;
    };
    type RouteOptions = { authorizer?: apigwv2.IWebSocketRouteAuthorizer; returnResponse?: boolean };
    const addRoute = (routeKey: string, handler: lambda.IFunction, options: RouteOptions = {}) => {
      this.routes[routeKey] = this.webSocketApi.addRoute(routeKey, { integration: integrationFor(handler), ...options });
    };
    addRoute('$connect', props.connectHandler ?? props.handler, { authorizer: this.authorizer });
    addRoute('$disconnect', props.disconnectHandler ?? props.handler);
    addRoute('$default', props.defaultHandler ?? props.handler);
    for (const route of props.routes ?? []) addRoute(route.routeKey, route.handler ?? props.handler, { returnResponse: route.returnResponse });
    for (const [routeKey, route] of Object.entries(this.routes)) {
      if (routeKey === '$connect') continue;
      acknowledgeRules(route, [{
        id: 'AwsSolutions-APIG4',
        reason: 'API Gateway runs WebSocket authorizers only on $connect; this route carries messages of a connection that was '
          + 'authorized (or refused) when it opened',
      }]);
    }

    const logGroups = new ApiLogGroups(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logEncryptionKey,
    });
    this.logEncryptionKey = logGroups.encryptionKey;
    this.accessLogGroup = logGroups.logGroup('AccessLogs');
    this.executionLogGroup = logGroups.logGroup('ExecutionLogs', `/aws/apigateway/${this.webSocketApi.apiId}/${stageName}`);

    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    this.stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.webSocketApi,
      stageName,
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormats.webSocketApi(),
      },
    });
    // The L2 stage has no execution-logging settings.
    const cfnStage = this.stage.node.defaultChild as apigwv2.CfnStage;
    cfnStage.addPropertyOverride('DefaultRouteSettings.LoggingLevel', props.executionLoggingLevel ?? apigw.MethodLoggingLevel.INFO);
    cfnStage.addPropertyOverride('DefaultRouteSettings.DataTraceEnabled', props.dataTraceEnabled ?? false);
    this.stage.node.addDependency(this.executionLogGroup);
    if (props.cloudWatchRole ?? true) {
      this.stage.node.addDependency(ApiGatewayCloudWatchAccount.of(this, this.webSocketApi.node.defaultChild!).account);
    }
    this.url = this.stage.url;
    this.callbackUrl = this.stage.callbackUrl;

    const handlers = [...integrations.keys()];
    this.manageConnectionsPolicy = this.createManageConnectionsPolicy(stageName, handlers);
    const executeApiArn = Stack.of(this).formatArn({
      service: 'execute-api', resource: this.webSocketApi.apiId, resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    handlers.forEach((handler, i) => {
      this.invokePermissions.push(LambdaInvokePermission.grant(this, `InvokePermission${i + 1}`, handler, executeApiArn));
    });
  }

  /** Grants execute-api:ManageConnections on this stage's @connections (post to, inspect and close connections). */
  public grantManageConnections(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:ManageConnections'], resourceArns: [this.connectionsArn()] });
  }

  private createManageConnectionsPolicy(stageName: string, handlers: lambda.IFunction[]): iam.ManagedPolicy {
    const connectionsArn = this.connectionsArn(stageName);
    const roles = handlers.map(h => h.role).filter((role): role is iam.IRole => role !== undefined);
    // A managed policy (not an inline one, which NIST/HIPAA/PCI reject) living here and naming the roles, so a
    // function from another stack does not reference this one back.
    const policy = new iam.ManagedPolicy(this, 'ManageConnectionsPolicy', {
      description: `Post to, inspect and close connections of ${this.node.path}`,
      statements: [new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [connectionsArn] })],
      roles,
    });
    acknowledgeRules(policy, [{
      id: NagFinding.wildcardResource(this, 'AwsSolutions-IAM5', connectionsArn),
      reason: 'Connection ids exist only at run time; the wildcard is limited to the @connections of this API stage',
    }]);
    return policy;
  }

  private connectionsArn(stageName: string = this.stage.stageName): string {
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.webSocketApi.apiId,
      resourceName: `${stageName}/*/@connections/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
