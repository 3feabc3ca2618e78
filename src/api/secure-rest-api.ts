import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AccessLogFormats } from './access-log-formats';
import { ApiGatewayCloudWatchAccount } from './api-gateway-cloudwatch-account';
import { ApiLogGroups } from './api-log-groups';
import { ApiThrottle, ApiUsagePlan, MethodThrottle } from './api-throttle';
import { ApiWebAcl } from './api-web-acl';
import { ApiWebAclOptions } from './api-web-acl-options';
import { ApiCustomDomainOptions } from './custom-domain';
import { RestApiAuthorization } from './rest-api-authorization';
import { SecureRestApiValidation } from './secure-rest-api-validation';
import { DEFAULT_API_THROTTLE } from './throttle-validation';
import { acknowledgeRules } from '../core/nag';

/** Props shared by every REST API front door of this library. */
export interface SecureRestApiProps {
  /**
   * Name of the REST API.
   * @default - the construct id
   */
  readonly restApiName?: string;
  /**
   * Description of the REST API.
   * @default - no description
   */
  readonly description?: string;
  /**
   * How callers authenticate: IAM (SigV4), a Cognito user pool, or a Lambda TOKEN / REQUEST authorizer. Required
   * unless `allowUnauthenticatedAccess` is true; giving neither is a synth-time error.
   * @default - none: synthesis fails unless allowUnauthenticatedAccess is true
   */
  readonly authorization?: RestApiAuthorization;
  /**
   * Publish the methods with NO authorization, so anyone who can reach the endpoint can call them. Only for APIs
   * that are public by design; cdk-nag keeps reporting the missing authorization (AwsSolutions-APIG4, -COG4).
   * Cannot be combined with `authorization`.
   * @default false
   */
  readonly allowUnauthenticatedAccess?: boolean;
  /**
   * Name of the deployment stage: 1 to 128 letters, digits, hyphens or underscores.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Default throttle of every method of the stage (token bucket: steady rate and burst).
   * @default - 500 requests per second, burst 1000
   */
  readonly throttle?: ApiThrottle;
  /**
   * Throttles for single methods, overriding the stage default.
   * @default - every method uses the stage default
   */
  readonly methodThrottles?: MethodThrottle[];
  /**
   * Usage plans (per-client throttles and quotas); each plan gets API keys, and methods then require an API key
   * unless `apiKeyRequired` is false.
   * @default - no usage plans and no API keys
   */
  readonly usagePlans?: ApiUsagePlan[];
  /**
   * Whether callers must send an API key (`x-api-key` header). Usage plans only apply to requests with a key.
   * @default - true when usagePlans are given, false otherwise
   */
  readonly apiKeyRequired?: boolean;
  /**
   * EDGE (through CloudFront edge locations, for clients everywhere), REGIONAL (clients in the same region, or your
   * own CloudFront), or PRIVATE (only from VPCs through an interface VPC endpoint).
   * @default EndpointType.EDGE
   */
  readonly endpointType?: apigw.EndpointType;
  /**
   * PRIVATE only: the execute-api interface VPC endpoint allowed to call the API (the resource policy admits only
   * requests whose aws:SourceVpce is this endpoint). Give this or `vpc`.
   * @default - created in `vpc` when endpointType is PRIVATE
   */
  readonly vpcEndpoint?: ec2.IInterfaceVpcEndpoint;
  /**
   * PRIVATE only: the VPC in which to create an execute-api interface endpoint (without private DNS, so other
   * public APIs stay reachable from the VPC; clients call `https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`).
   * @default - no VPC; required for PRIVATE when vpcEndpoint is not given
   */
  readonly vpc?: ec2.IVpc;
  /**
   * A custom domain name mapped to the stage. Edge-optimized: the certificate must be in us-east-1; regional: in
   * the API's region (checked at synth time when the regions are known). Not available for PRIVATE endpoints here.
   * @default - only the execute-api endpoint
   */
  readonly customDomain?: ApiCustomDomainOptions;
  /**
   * Turn off the default `execute-api` endpoint so clients can only use the custom domain.
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * The WAF web ACL of the stage (AWS managed rule groups plus a per-IP rate-based rule).
   * @default - a web ACL is created and associated
   */
  readonly webAcl?: ApiWebAclOptions;
  /**
   * Retention of the access, execution and WAF logs.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * KMS key encrypting the log groups (its key policy must let CloudWatch Logs use it).
   * @default - a key with rotation is created
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Execution logging level of every method (OFF, ERROR or INFO). OFF makes cdk-nag report the missing execution
   * logs (AwsSolutions-APIG6).
   * @default MethodLoggingLevel.INFO
   */
  readonly executionLoggingLevel?: apigw.MethodLoggingLevel;
  /**
   * Also log full request and response bodies in execution logs. They may carry personal data or secrets.
   * @default false
   */
  readonly dataTraceEnabled?: boolean;
  /**
   * X-Ray tracing of the stage.
   * @default true
   */
  readonly tracingEnabled?: boolean;
  /**
   * Create the account-level role API Gateway needs to write execution logs (AWS::ApiGateway::Account, one setting per
   * account and region, retained on deletion). Set false when your account already has one (e.g. from a landing
   * zone): without it, a stage with execution logging fails to deploy.
   * @default true
   */
  readonly cloudWatchRole?: boolean;
  /**
   * Size in GB of a stage cache cluster: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. When set, responses of GET
   * methods are cached (encrypted). Caching is a cost and freshness decision only you can make.
   * @default - no cache
   */
  readonly cacheClusterSize?: string;
  /**
   * How long cached responses live, 0 seconds to 1 hour. Only with cacheClusterSize.
   * @default Duration.minutes(5)
   */
  readonly cacheTtl?: Duration;
  /**
   * CORS preflight (OPTIONS) for every resource, for browser clients on other origins.
   * @default - no CORS preflight
   */
  readonly corsPreflight?: apigw.CorsOptions;
}

/** Request validation and responses of one method added with `SecureRestApi.addMethod`. */
export interface SecureMethodOptions {
  /**
   * JSON schema (draft 4) the `application/json` request body must match; API Gateway rejects other bodies with 400
   * before the integration runs.
   * @default - the body is not checked against a model
   */
  readonly requestBodySchema?: apigw.JsonSchema;
  /**
   * Request parameters that must be present, e.g. `method.request.header.X-Client-Id` or
   * `method.request.querystring.page`; API Gateway rejects requests missing one with 400.
   * @default - no required parameters
   */
  readonly requiredRequestParameters?: string[];
  /**
   * Method responses (status codes and headers the method may return).
   * @default - none (Lambda proxy integrations need none)
   */
  readonly methodResponses?: apigw.MethodResponse[];
}

/** cdk-nag packs whose API Gateway rules need owner decisions (client certificate, cache). */
const NAG_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/**
 * A REST API with the front-door defaults of the pattern notes: an authorizer on every method (or an explicit
 * opt-out), request validation, JSON access logs and execution logs in encrypted log groups with retention, X-Ray,
 * stage throttling, a WAF web ACL, usage plans with API keys, EDGE / REGIONAL / PRIVATE endpoints and a custom
 * domain whose certificate region is checked. Add methods with `addMethod` to get the request validator and the
 * authorization choice applied; methods added directly on `restApi` still inherit the authorization.
 */
export class SecureRestApi extends Construct {
  private static methodThrottleOptions(throttles: MethodThrottle[]): Record<string, apigw.MethodDeploymentOptions> | undefined {
    if (throttles.length === 0) return undefined;
    const options: Record<string, apigw.MethodDeploymentOptions> = {};
    for (const t of throttles) {
      const method = t.httpMethod.toUpperCase() === 'ANY' ? '*' : t.httpMethod.toUpperCase();
      options[`${t.resourcePath}/${method}`] = { throttlingRateLimit: t.rateLimit, throttlingBurstLimit: t.burstLimit };
    }
    return options;
  }

  public readonly restApi: apigw.RestApi;
  /** The deployment stage (logging, tracing, throttling, WAF). */
  public readonly stage: apigw.Stage;
  public readonly endpointType: apigw.EndpointType;
  public readonly authorizationType: apigw.AuthorizationType;
  /** The authorizer created for Cognito or Lambda authorization. */
  public readonly authorizer?: apigw.IAuthorizer;
  /** Validates bodies against models and required parameters, for every method added with addMethod. */
  public readonly requestValidator: apigw.RequestValidator;
  public readonly accessLogGroup: logs.LogGroup;
  /** Pre-created `API-Gateway-Execution-Logs_{apiId}/{stage}` group, so execution logs get retention and encryption. */
  public readonly executionLogGroup: logs.LogGroup;
  public readonly logEncryptionKey: kms.IKey;
  /** The created web ACL (undefined when disabled or when an existing ACL was associated). */
  public readonly webAcl?: wafv2.CfnWebACL;
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  public readonly usagePlans: apigw.UsagePlan[] = [];
  public readonly apiKeys: apigw.IApiKey[] = [];
  /** The interface endpoint admitted by the resource policy (PRIVATE only). */
  public readonly vpcEndpoint?: ec2.IInterfaceVpcEndpoint;
  public readonly domainName?: apigw.DomainName;
  /** Methods added with addMethod. */
  public readonly methods: apigw.Method[] = [];

  private readonly authorizationScopes?: string[];
  private readonly constructName: string;
  private modelCount = 0;

  constructor(scope: Construct, id: string, props: SecureRestApiProps) {
    super(scope, id);
    this.constructName = 'SecureRestApi';
    SecureRestApiValidation.validate(this, this.constructName, props);

    this.endpointType = props.endpointType ?? apigw.EndpointType.EDGE;
    const throttle = props.throttle ?? DEFAULT_API_THROTTLE;
    const stageName = props.stageName ?? 'prod';
    const usagePlans = props.usagePlans ?? [];

    const bound = props.authorization?._bind(this);
    this.authorizationType = bound?.authorizationType ?? apigw.AuthorizationType.NONE;
    this.authorizer = bound?.authorizer;
    this.authorizationScopes = bound?.authorizationScopes;

    const logGroups = new ApiLogGroups(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logEncryptionKey,
    });
    this.logEncryptionKey = logGroups.encryptionKey;
    this.accessLogGroup = logGroups.logGroup('AccessLogs');

    if (this.endpointType === apigw.EndpointType.PRIVATE) {
      this.vpcEndpoint = props.vpcEndpoint ?? new ec2.InterfaceVpcEndpoint(this, 'ExecuteApiEndpoint', {
        vpc: props.vpc!,
        service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY,
        // Private DNS would route every execute-api name in the VPC to the endpoint, cutting the VPC off from public APIs.
        privateDnsEnabled: false,
      });
    }

    const caching = props.cacheClusterSize !== undefined;
    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: props.restApiName ?? id,
      description: props.description,
      // The account role is created explicitly below, so behaviour does not depend on the disableCloudWatchRole flag.
      cloudWatchRole: false,
      endpointConfiguration: {
        types: [this.endpointType],
        vpcEndpoints: this.vpcEndpoint ? [this.vpcEndpoint] : undefined,
      },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      defaultCorsPreflightOptions: props.corsPreflight,
      defaultMethodOptions: {
        authorizationType: this.authorizationType,
        authorizer: this.authorizer,
        authorizationScopes: this.authorizationScopes,
        apiKeyRequired: props.apiKeyRequired ?? usagePlans.length > 0,
      },
      deployOptions: {
        stageName,
        loggingLevel: props.executionLoggingLevel ?? apigw.MethodLoggingLevel.INFO,
        dataTraceEnabled: props.dataTraceEnabled ?? false,
        tracingEnabled: props.tracingEnabled ?? true,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: AccessLogFormats.restApi(),
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        methodOptions: SecureRestApi.methodThrottleOptions(props.methodThrottles ?? []),
        cacheClusterEnabled: caching ? true : undefined,
        cacheClusterSize: props.cacheClusterSize,
        cachingEnabled: caching ? true : undefined,
        cacheDataEncrypted: caching ? true : undefined,
        cacheTtl: caching ? props.cacheTtl ?? Duration.minutes(5) : undefined,
      },
    });
    this.stage = this.restApi.deploymentStage;

    // API Gateway would create this group itself on first log line, without retention or encryption.
    this.executionLogGroup = logGroups.logGroup('ExecutionLogs', `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${stageName}`);
    this.stage.node.addDependency(this.executionLogGroup);
    if (props.cloudWatchRole ?? true) {
      this.stage.node.addDependency(ApiGatewayCloudWatchAccount.of(this, this.restApi.node.defaultChild!).account);
    }

    this.requestValidator = this.restApi.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.addValidationGatewayResponses();

    if (this.vpcEndpoint) this.restApi.grantInvokeFromVpcEndpointsOnly([this.vpcEndpoint]);

    if (props.webAcl?.enabled ?? true) {
      const webAcl = new ApiWebAcl(this, 'WebAcl', { ...props.webAcl, stageArn: this.stage.stageArn, logGroups });
      this.webAcl = webAcl.webAcl;
      this.webAclAssociation = webAcl.association;
    }

    usagePlans.forEach(plan => this.addUsagePlan(plan, throttle));

    if (props.customDomain) {
      this.domainName = new apigw.DomainName(this, 'CustomDomain', {
        domainName: props.customDomain.domainName,
        certificate: props.customDomain.certificate,
        endpointType: this.endpointType,
        securityPolicy: props.customDomain.securityPolicy ?? apigw.SecurityPolicy.TLS_1_2,
        mapping: this.restApi,
        basePath: props.customDomain.basePath,
      });
    }

    this.acknowledgeOwnerDecisions(caching);
  }

  /**
   * Adds a method with this API's request validator and authorization choice.
   * @param resource where to add it (e.g. `restApi.root` or a resource under it)
   * @param httpMethod GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY
   */
  public addMethod(resource: apigw.IResource, httpMethod: string, integration: apigw.Integration, options: SecureMethodOptions = {}): apigw.Method {
    SecureRestApiValidation.methodOptions(this.constructName, options);
    const requestModels = options.requestBodySchema === undefined ? undefined : {
      'application/json': this.restApi.addModel(`RequestBodyModel${++this.modelCount}`, {
        contentType: 'application/json',
        schema: options.requestBodySchema,
      }),
    };
    const requiredParameters = options.requiredRequestParameters ?? [];
    const method = resource.addMethod(httpMethod, integration, {
      requestValidator: this.requestValidator,
      requestModels,
      requestParameters: requiredParameters.length > 0 ? Object.fromEntries(requiredParameters.map(p => [p, true])) : undefined,
      methodResponses: options.methodResponses,
    });
    if (this.authorizationType !== apigw.AuthorizationType.COGNITO && this.authorizationType !== apigw.AuthorizationType.NONE) {
      acknowledgeRules(method, [{
        id: 'AwsSolutions-COG4',
        reason: `The method is protected by the ${this.authorizationType} authorization the API owner chose; `
          + 'COG4 asks for a Cognito user pool authorizer, which is one of several valid choices',
      }]);
    }
    this.methods.push(method);
    return method;
  }

  private addUsagePlan(plan: ApiUsagePlan, stageThrottle: ApiThrottle): void {
    const idPart = plan.name.replace(/[^A-Za-z0-9]/g, '');
    const usagePlan = new apigw.UsagePlan(this, `UsagePlan${idPart}`, {
      name: plan.name,
      throttle: plan.throttle ?? stageThrottle,
      quota: plan.quota,
      apiStages: [{ api: this.restApi, stage: this.stage }],
    });
    for (const clientId of plan.clientIds ?? [plan.name]) {
      const key = new apigw.ApiKey(this, `ApiKey${idPart}${clientId.replace(/[^A-Za-z0-9]/g, '')}`, {
        customerId: clientId,
        description: `API key of ${clientId} (usage plan ${plan.name})`,
      });
      usagePlan.addApiKey(key);
      this.apiKeys.push(key);
    }
    this.usagePlans.push(usagePlan);
  }

  /** Tell callers which field failed validation instead of a bare "Invalid request body". */
  private addValidationGatewayResponses(): void {
    const template = { 'application/json': '{"message": "$context.error.validationErrorString", "requestId": "$context.requestId"}' };
    this.restApi.addGatewayResponse('BadRequestBody', { type: apigw.ResponseType.BAD_REQUEST_BODY, statusCode: '400', templates: template });
    this.restApi.addGatewayResponse('BadRequestParameters', { type: apigw.ResponseType.BAD_REQUEST_PARAMETERS, statusCode: '400', templates: template });
  }

  private acknowledgeOwnerDecisions(caching: boolean): void {
    const acks = NAG_PACKS.map(pack => ({
      id: `${pack}-APIGWSSLEnabled`,
      reason: 'The stage client certificate authenticates API Gateway to HTTP backends; the integrations here are Lambda '
        + 'and AWS services called over TLS with SigV4, so a client certificate would be unused. Add one on the stage if you '
        + 'add an HTTP integration.',
    }));
    if (!caching) {
      acks.push(...NAG_PACKS.map(pack => ({
        id: `${pack}-APIGWCacheEnabledAndEncrypted`,
        reason: 'Response caching is off by default: it costs an always-on cache cluster and serves stale reads, a decision '
          + 'only the API owner can make. Setting cacheClusterSize turns it on, always encrypted.',
      })));
    }
    acknowledgeRules(this.stage, acks);
  }

}
