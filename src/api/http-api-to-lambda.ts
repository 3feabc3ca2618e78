import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AccessLogFormats } from './access-log-formats';
import { ApiLogGroups } from './api-log-groups';
import { ApiThrottle } from './api-throttle';
import { HttpApiAuthorization } from './http-api-authorization';
import { LambdaInvokePermission } from './lambda-invoke-permission';
import { HttpLambdaProxyIntegration } from './lambda-route-integrations';
import { DEFAULT_API_THROTTLE, ThrottleValidation } from './throttle-validation';
import { PropValidationError } from '../core/validation';

/** Props of HttpApiToLambda. */
export interface HttpApiToLambdaProps {
  /** The function behind the API (payload format 2.0). Any IFunction, also imported. */
  readonly handler: lambda.IFunction;
  /**
   * How callers authenticate: JWT, Cognito user pool, IAM or a Lambda authorizer. Required unless
   * `allowUnauthenticatedAccess` is true; giving neither is a synth-time error.
   * @default - none: synthesis fails unless allowUnauthenticatedAccess is true
   */
  readonly authorization?: HttpApiAuthorization;
  /**
   * Publish the API with NO authorization, so anyone who can reach the endpoint can call it. cdk-nag keeps
   * reporting the missing authorization (AwsSolutions-APIG4). Cannot be combined with `authorization`.
   * @default false
   */
  readonly allowUnauthenticatedAccess?: boolean;
  /**
   * Name of the HTTP API.
   * @default - the construct id
   */
  readonly apiName?: string;
  /**
   * Description of the HTTP API.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Default throttle of every route (steady requests per second and burst).
   * @default - 500 requests per second, burst 1000
   */
  readonly throttle?: ApiThrottle;
  /**
   * CORS configuration; API Gateway then answers preflight requests itself, before authorization.
   * @default - no CORS
   */
  readonly corsPreflight?: apigwv2.CorsPreflightOptions;
  /**
   * Turn off the default `execute-api` endpoint (when clients use a custom domain you map yourself).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * Retention of the access logs.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * KMS key encrypting the access log group.
   * @default - a key with rotation is created
   */
  readonly logEncryptionKey?: kms.IKey;
}

const CONSTRUCT = 'HttpApiToLambda';

/**
 * An HTTP API (cheaper and simpler than REST: no WAF, usage plans or request validation) in front of a Lambda
 * function: every request goes to the `$default` route, protected by the authorization choice. The `$default`
 * stage deploys automatically, throttles every route and writes JSON access logs to an encrypted log group. The
 * invoke permission is always created, scoped to this API.
 */
export class HttpApiToLambda extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  /** The `$default` stage (auto-deployed, throttled, access-logged). */
  public readonly stage: apigwv2.HttpStage;
  public readonly handler: lambda.IFunction;
  /** The route authorizer (undefined with allowUnauthenticatedAccess). */
  public readonly authorizer?: apigwv2.IHttpRouteAuthorizer;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly logEncryptionKey: kms.IKey;
  /** Lets API Gateway invoke the handler, from any route and stage of this API only. */
  public readonly invokePermission: lambda.CfnPermission;
  /** The URL of the `$default` stage. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: HttpApiToLambdaProps) {
    super(scope, id);
    if (props.authorization === undefined && props.allowUnauthenticatedAccess !== true) {
      throw new PropValidationError(CONSTRUCT, 'authorization', undefined,
        'an authorizer (HttpApiAuthorization.jwt(...), .userPool(...), .iam() or .lambda(...)), '
        + 'or allowUnauthenticatedAccess: true to publish the API without any authorization');
    }
    if (props.authorization !== undefined && props.allowUnauthenticatedAccess === true) {
      throw new PropValidationError(CONSTRUCT, 'allowUnauthenticatedAccess', true, 'false (or left out) when an authorization is given');
    }
    ThrottleValidation.throttle(CONSTRUCT, 'throttle', props.throttle);

    this.handler = props.handler;
    const bound = props.authorization?._bind();
    this.authorizer = bound?.authorizer;

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName ?? id,
      description: props.description,
      defaultIntegration: new HttpLambdaProxyIntegration('LambdaIntegration', props.handler),
      defaultAuthorizer: bound?.authorizer,
      defaultAuthorizationScopes: bound?.authorizationScopes,
      corsPreflight: props.corsPreflight,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      // The default stage is created below, where throttling and access logs can be set.
      createDefaultStage: false,
    });

    const logGroups = new ApiLogGroups(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logEncryptionKey,
    });
    this.logEncryptionKey = logGroups.encryptionKey;
    this.accessLogGroup = logGroups.logGroup('AccessLogs');
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormats.httpApi(),
      },
    });
    this.url = this.stage.url;

    this.invokePermission = LambdaInvokePermission.grant(this, 'InvokePermission', props.handler, Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.httpApi.apiId,
      resourceName: '*/*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }));
  }
}
