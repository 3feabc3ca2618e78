import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testHandler } from './helpers';
import { RestApiAuthorization, RestApiToLambda, RestApiToLambdaProps } from '../../src/api';
import { StableSnapshot } from '../../src/testing';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

function build(props: Partial<RestApiToLambdaProps> = {}, stack: Stack = newStack()): { stack: Stack; front: RestApiToLambda; template: Template } {
  const handler = props.handler ?? testHandler(stack);
  const front = new RestApiToLambda(stack, 'Front', { authorization: RestApiAuthorization.iam(), ...props, handler });
  return { stack, front, template: Template.fromStack(stack) };
}

function importedPool(stack: Stack): cognito.IUserPool {
  return cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_example');
}

const AUTHORIZATION_CHOICES: Array<[string, (stack: Stack) => RestApiAuthorization]> = [
  ['IAM', () => RestApiAuthorization.iam()],
  ['Cognito user pool', stack => RestApiAuthorization.cognito([importedPool(stack)])],
  ['Lambda TOKEN', stack => RestApiAuthorization.lambdaToken(testHandler(stack, 'Authorizer'))],
  ['Lambda REQUEST', stack => RestApiAuthorization.lambdaRequest(testHandler(stack, 'Authorizer'), {
    identitySources: [apigw.IdentitySource.header('Authorization')],
  })],
];

describe('RestApiToLambda defaults', () => {
  test('the invoke permission is created and scoped to this API\'s execute-api ARN', () => {
    const { template } = build();
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] },
      SourceArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:us-east-1:123456789012:', { Ref: Match.stringLikeRegexp('^FrontApiRestApi') }, '/*/*/*']],
      },
    });
  });

  test('the invoke permission also exists for an imported function from another account (addPermission would skip it)', () => {
    const stack = newStack();
    const handler = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:210987654321:function:orders');
    const { template } = build({ handler }, stack);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: 'arn:aws:lambda:us-east-1:210987654321:function:orders',
      Principal: 'apigateway.amazonaws.com',
    });
  });

  test('proxy integration on ANY / and ANY /{proxy+}, both with the request validator and IAM authorization', () => {
    const { template } = build();
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    template.allResourcesProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      AuthorizationType: 'AWS_IAM',
      RequestValidatorId: { Ref: Match.stringLikeRegexp('RequestValidator') },
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
  });

  test('EDGE endpoint by default', () => {
    build().template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'Front', EndpointConfiguration: { Types: ['EDGE'] } });
  });

  test('stage: JSON access logs, INFO execution logs without bodies, X-Ray, default throttle 500/s burst 1000', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] } },
      MethodSettings: [{
        HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO', DataTraceEnabled: false, ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000,
      }],
    });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      status: '$context.status',
      integrationError: '$context.integration.error',
      authorizerError: '$context.authorizer.error',
      wafResponseCode: '$context.wafResponseCode',
    });
  });

  test('log groups are KMS-encrypted with a rotating key and kept one year; execution logs are pre-created', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.allResourcesProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: Match.stringLikeRegexp('RestApi') }, '/prod']] },
    });
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('ExecutionLogs')]) });
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ApiGatewayCloudWatchAccount')]) });
  });

  test('one account-level CloudWatch role per stack, retained, whatever the cdk init flags', () => {
    for (const [, makeApp] of APP_VARIANTS) {
      const stack = newStack(makeApp());
      new RestApiToLambda(stack, 'First', { handler: testHandler(stack), authorization: RestApiAuthorization.iam() });
      new RestApiToLambda(stack, 'Second', { handler: testHandler(stack, 'Handler2'), authorization: RestApiAuthorization.iam() });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::ApiGateway::Account', 1);
      template.hasResource('AWS::ApiGateway::Account', {
        DeletionPolicy: 'Retain',
        // CloudFormation asks for a dependency on an API Gateway resource (fresh accounts): the first API.
        DependsOn: [Match.stringLikeRegexp('^FirstApiRestApi')],
      });
    }
  });

  test('cloudWatchRole: false leaves the account setting alone', () => {
    build({ cloudWatchRole: false }).template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('a WAF web ACL with managed rule groups and a per-IP rate rule is associated to the stage and logged', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } } }),
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: {
        'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('RestApi') }, '/stages/', { Ref: Match.stringLikeRegexp('Stageprod') }])],
      },
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'x-api-key' } }],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-') });
  });

  test('WAF options: rate limit and window, count-only rules, no reputation list', () => {
    const { template } = build({
      webAcl: { rateLimit: 100, rateLimitWindow: Duration.minutes(1), countOnlyRules: ['SizeRestrictions_BODY'], ipReputationList: false },
    });
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0];
    const names = acl.Properties.Rules.map((r: any) => r.Name);
    expect(names).toEqual(['RateLimitPerClientIp', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    expect(acl.Properties.Rules[0].Statement.RateBasedStatement).toEqual({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 60 });
    expect(acl.Properties.Rules[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides)
      .toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
  });

  test('an existing web ACL is associated instead of creating one; the WAF can be disabled', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/0123';
    const existing = build({ webAcl: { existingWebAclArn: arn } }).template;
    existing.resourceCountIs('AWS::WAFv2::WebACL', 0);
    existing.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
    const disabled = build({ webAcl: { enabled: false } }).template;
    disabled.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  test('validation errors name the failing field (gateway responses)', () => {
    build().template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('validationErrorString') },
    });
  });

  test('request body schema and required parameters are enforced on every method', () => {
    const { template } = build({
      requestBodySchema: { type: apigw.JsonSchemaType.OBJECT, required: ['orderId'], properties: { orderId: { type: apigw.JsonSchemaType.STRING } } },
      requiredRequestParameters: ['method.request.header.X-Client-Id'],
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: Match.objectLike({ required: ['orderId'] }) });
    template.allResourcesProperties('AWS::ApiGateway::Method', {
      RequestModels: { 'application/json': { Ref: Match.stringLikeRegexp('RequestBodyModel') } },
      RequestParameters: { 'method.request.header.X-Client-Id': true },
    });
  });

  test('usage plans: per-client keys, plan throttle defaulting to the stage throttle, quotas, and API keys required', () => {
    const { template, front } = build({
      usagePlans: [
        { name: 'gold', throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100000, period: apigw.Period.MONTH }, clientIds: ['acme', 'globex'] },
        { name: 'free' },
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'gold',
      Throttle: { RateLimit: 50, BurstLimit: 100 },
      Quota: { Limit: 100000, Period: 'MONTH' },
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: 'free', Throttle: { RateLimit: 500, BurstLimit: 1000 } });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 3);
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { CustomerId: 'acme', Enabled: true });
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 3);
    template.allResourcesProperties('AWS::ApiGateway::Method', { ApiKeyRequired: true });
    expect(front.api.apiKeys).toHaveLength(3);
  });

  test('method-level throttles override the stage default', () => {
    const { template } = build({ methodThrottles: [{ resourcePath: '/orders', httpMethod: 'post', rateLimit: 5, burstLimit: 10 }] });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1orders', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })]),
    });
  });

  test('PRIVATE endpoint: an execute-api endpoint in the VPC, and a resource policy admitting only it', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const { template } = build({ endpointType: apigw.EndpointType.PRIVATE, vpc }, stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.us-east-1.execute-api', VpcEndpointType: 'Interface', PrivateDnsEnabled: false,
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [{ Ref: Match.stringLikeRegexp('ExecuteApiEndpoint') }] },
      Policy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'execute-api:Invoke', Condition: { StringNotEquals: { 'aws:SourceVpce': [{ Ref: Match.stringLikeRegexp('ExecuteApiEndpoint') }] } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }),
        ]),
      },
    });
  });

  test('PRIVATE endpoint with an existing VPC endpoint', () => {
    const stack = newStack();
    const vpcEndpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Vpce', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 });
    const { template } = build({ endpointType: apigw.EndpointType.PRIVATE, vpcEndpoint }, stack);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: ['vpce-0123456789abcdef0'] } });
  });

  test('custom domains: edge with a us-east-1 certificate, regional with a certificate in the API region (TLS 1.2)', () => {
    const edge = newStack(new App(), 'EdgeStack');
    build({
      customDomain: {
        domainName: 'api.example.com',
        basePath: 'orders',
        certificate: acm.Certificate.fromCertificateArn(edge, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc'),
      },
    }, edge).template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.example.com', CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', EndpointConfiguration: { Types: ['EDGE'] }, SecurityPolicy: 'TLS_1_2',
    });
    const regional = new Stack(new App(), 'Regional', { env: { account: '123456789012', region: 'eu-west-1' } });
    const { template } = build({
      endpointType: apigw.EndpointType.REGIONAL,
      customDomain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(regional, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
    }, regional);
    template.hasResourceProperties('AWS::ApiGateway::DomainName', { RegionalCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' });
    template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { DomainName: { Ref: Match.anyValue() } });
  });

  test('cache: only when a cluster size is given, and then always encrypted', () => {
    build().template.hasResourceProperties('AWS::ApiGateway::Stage', { CacheClusterEnabled: Match.absent() });
    const { template } = build({ cacheClusterSize: '0.5', cacheTtl: Duration.seconds(60) });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      CacheClusterEnabled: true,
      CacheClusterSize: '0.5',
      MethodSettings: [Match.objectLike({ CachingEnabled: true, CacheDataEncrypted: true, CacheTtlInSeconds: 60 })],
    });
  });

  test('authorizers: Cognito user pools, Lambda TOKEN and REQUEST authorizers on every method', () => {
    const cognitoStack = newStack();
    build({ authorization: RestApiAuthorization.cognito([importedPool(cognitoStack)], { authorizationScopes: ['orders/write'] }) }, cognitoStack)
      .template.allResourcesProperties('AWS::ApiGateway::Method', {
        AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: Match.stringLikeRegexp('CognitoAuthorizer') }, AuthorizationScopes: ['orders/write'],
      });

    const tokenStack = newStack();
    const token = build({ authorization: RestApiAuthorization.lambdaToken(testHandler(tokenStack, 'Authorizer'), { validationRegex: '^Bearer .+$' }) }, tokenStack).template;
    token.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', IdentityValidationExpression: '^Bearer .+$' });
    token.allResourcesProperties('AWS::ApiGateway::Method', { AuthorizationType: 'CUSTOM' });

    const requestStack = newStack();
    build({
      authorization: RestApiAuthorization.lambdaRequest(testHandler(requestStack, 'Authorizer'), {
        identitySources: [apigw.IdentitySource.header('Authorization'), apigw.IdentitySource.queryString('tenant')],
      }),
    }, requestStack).template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization,method.request.querystring.tenant',
    });
  });

  test('explicit opt-out: methods without authorization, and cdk-nag keeps reporting it', () => {
    const { stack, template } = build({ authorization: undefined, allowUnauthenticatedAccess: true });
    template.allResourcesProperties('AWS::ApiGateway::Method', { AuthorizationType: 'NONE' });
    expect(nagErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/^AwsSolutions-APIG4 /), expect.stringMatching(/^AwsSolutions-COG4 /)]));
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(build().stack)).toMatchSnapshot();
  });
});

describe('RestApiToLambda validation', () => {
  const stackAndHandler = () => {
    const stack = newStack();
    return { stack, handler: testHandler(stack) };
  };

  test('an authorization choice or the explicit opt-out is required', () => {
    const { stack, handler } = stackAndHandler();
    expect(() => new RestApiToLambda(stack, 'Front', { handler }))
      .toThrow(/RestApiToLambda: invalid authorization \(undefined\); allowed: an authorizer .*or allowUnauthenticatedAccess: true/);
  });

  test('authorization and the opt-out cannot be combined', () => {
    const { stack, handler } = stackAndHandler();
    expect(() => new RestApiToLambda(stack, 'Front', { handler, authorization: RestApiAuthorization.iam(), allowUnauthenticatedAccess: true }))
      .toThrow(/invalid allowUnauthenticatedAccess \(true\); allowed: false \(or left out\) when an authorization is given/);
  });

  test('an edge-optimized domain needs a us-east-1 certificate', () => {
    const stack = newStack();
    expect(() => build({
      customDomain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') },
    }, stack)).toThrow(/invalid customDomain.certificate \("certificate in eu-west-1"\); allowed: an ACM certificate in us-east-1 for an EDGE/);
  });

  test('a certificate created in a stack outside us-east-1 is rejected for an edge-optimized domain', () => {
    const stack = new Stack(new App(), 'Eu', { env: { account: '123456789012', region: 'eu-west-1' } });
    const certificate = new acm.Certificate(stack, 'Cert', { domainName: 'api.example.com' });
    expect(() => build({ customDomain: { domainName: 'api.example.com', certificate } }, stack)).toThrow(/certificate in eu-west-1.*us-east-1/);
  });

  test('a regional domain needs a certificate in the API region', () => {
    const stack = newStack();
    expect(() => build({
      endpointType: apigw.EndpointType.REGIONAL,
      customDomain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-west-2:123456789012:certificate/abc') },
    }, stack)).toThrow(/invalid customDomain.certificate \("certificate in us-west-2"\); allowed: an ACM certificate in the API's region \(us-east-1\) for a REGIONAL endpoint/);
  });

  test('the region check is skipped when the stack region is unknown at synth time', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => build({
      endpointType: apigw.EndpointType.REGIONAL,
      customDomain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-west-2:123456789012:certificate/abc') },
    }, stack)).not.toThrow();
  });

  test('a PRIVATE endpoint needs a VPC endpoint or a VPC', () => {
    expect(() => build({ endpointType: apigw.EndpointType.PRIVATE }))
      .toThrow(/invalid vpcEndpoint \(undefined\); allowed: an execute-api interface VPC endpoint \(vpcEndpoint\), or a vpc to create one in, for a PRIVATE endpoint/);
  });

  test('a VPC or VPC endpoint only makes sense for a PRIVATE endpoint', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expect(() => build({ endpointType: apigw.EndpointType.REGIONAL, vpc }, stack)).toThrow(/invalid vpc \("REGIONAL"\); allowed: only with endpointType PRIVATE/);
  });

  test.each([
    [{ throttle: { rateLimit: -1, burstLimit: 10 } }, /invalid throttle.rateLimit \(-1\); allowed: a number of requests per second, 0 or more/],
    [{ throttle: { rateLimit: 10, burstLimit: 1.5 } }, /invalid throttle.burstLimit \(1.5\); allowed: a whole number of requests, 0 or more/],
    [{ throttle: { rateLimit: 10, burstLimit: -1 } }, /invalid throttle.burstLimit \(-1\)/],
    [{ methodThrottles: [{ resourcePath: 'orders', httpMethod: 'GET', rateLimit: 1, burstLimit: 1 }] }, /invalid methodThrottles\[0\].resourcePath \("orders"\); allowed: a path starting with "\/"/],
    [{ methodThrottles: [{ resourcePath: '/orders', httpMethod: 'FETCH', rateLimit: 1, burstLimit: 1 }] }, /invalid methodThrottles\[0\].httpMethod \("FETCH"\)/],
    [{ usagePlans: [{ name: 'gold', quota: { limit: 0, period: apigw.Period.DAY } }] }, /invalid usagePlans\[0\].quota.limit \(0\); allowed: a whole number of requests, 1 or more/],
    [{ usagePlans: [{ name: 'gold', quota: { limit: 10, period: apigw.Period.DAY, offset: 10 } }] }, /invalid usagePlans\[0\].quota.offset \(10\); allowed: a whole number from 0 to 9/],
    [{ usagePlans: [{ name: 'gold', throttle: { rateLimit: -5, burstLimit: 1 } }] }, /invalid usagePlans\[0\].throttle.rateLimit \(-5\)/],
    [{ usagePlans: [{ name: 'gold' }, { name: 'gold' }] }, /invalid usagePlans\[1\].name \("gold"\); allowed: a name not used by another usage plan/],
    [{ usagePlans: [{ name: 'gold', clientIds: [] }] }, /invalid usagePlans\[0\].clientIds/],
    [{ webAcl: { rateLimit: 5 } }, /RestApiToLambda: invalid webAcl.rateLimit \("5 requests"\); allowed: an integer from 10 to 2000000000 requests/],
    [{ webAcl: { rateLimitWindow: Duration.minutes(3) } }, /invalid webAcl.rateLimitWindow \(3 minutes\); allowed: 1, 2, 5 or 10 minutes/],
    [{ stageName: 'prod stage' }, /invalid stageName \("prod stage"\); allowed: 1 to 128 letters, digits, hyphens or underscores/],
    [{ cacheClusterSize: '2' }, /invalid cacheClusterSize \("2"\); allowed: one of 0.5, 1.6/],
    [{ cacheTtl: Duration.minutes(1) }, /invalid cacheTtl \(1 minute\); allowed: only together with cacheClusterSize/],
    [{ cacheClusterSize: '0.5', cacheTtl: Duration.hours(2) }, /invalid cacheTtl \("2 hours = 7200 seconds"\); allowed: 0 seconds to 1 hour/],
    [{ requiredRequestParameters: ['X-Client-Id'] }, /invalid requiredRequestParameters \("X-Client-Id"\); allowed: names like method.request.header.NAME/],
  ] as Array<[Partial<RestApiToLambdaProps>, RegExp]>)('rejects %j', (props, error) => {
    expect(() => build(props)).toThrow(error);
  });

  test('authorizer options are validated', () => {
    const stack = newStack();
    expect(() => RestApiAuthorization.cognito([])).toThrow(/RestApiAuthorization: invalid userPools \("\[\]"\); allowed: at least one Cognito user pool/);
    expect(() => RestApiAuthorization.lambdaRequest(testHandler(stack, 'A'), { identitySources: [] })).toThrow(/invalid identitySources/);
    expect(() => RestApiAuthorization.lambdaToken(testHandler(stack, 'B'), { resultsCacheTtl: Duration.hours(2) }))
      .toThrow(/invalid resultsCacheTtl \("2 hours = 7200 seconds"\); allowed: 0 seconds to 1 hour/);
  });
});

describe('RestApiToLambda is nag-clean and warning-free', () => {
  for (const [appName, makeApp] of APP_VARIANTS) {
    test.each(AUTHORIZATION_CHOICES)(`${appName}, %s authorization`, (_choice, authorization) => {
      const stack = newStack(makeApp());
      const front = new RestApiToLambda(stack, 'Front', { handler: testHandler(stack), authorization: authorization(stack) });
      expect(front.invokePermission).toBeDefined();
      expect(nagErrors(stack)).toEqual([]);
      expect(nagFindings(stack)).toEqual([]);
      expect(synthWarnings(stack)).toEqual([]);
    });
  }
});
