import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testHandler } from './helpers';
import { HttpApiAuthorization, HttpApiToLambda, HttpApiToLambdaProps } from '../../src/api';
import { StableSnapshot } from '../../src/testing';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

function build(props: Partial<HttpApiToLambdaProps> = {}, stack: Stack = newStack()): { stack: Stack; front: HttpApiToLambda; template: Template } {
  const handler = props.handler ?? testHandler(stack);
  const front = new HttpApiToLambda(stack, 'Front', { authorization: HttpApiAuthorization.iam(), ...props, handler });
  return { stack, front, template: Template.fromStack(stack) };
}

const AUTHORIZATION_CHOICES: Array<[string, (stack: Stack) => HttpApiAuthorization]> = [
  ['IAM', () => HttpApiAuthorization.iam()],
  ['JWT', () => HttpApiAuthorization.jwt('https://login.example.com/', ['orders-app'])],
  ['Cognito user pool', stack => HttpApiAuthorization.userPool(
    cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_example'),
    [cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client-id')],
  )],
  ['Lambda', stack => HttpApiAuthorization.lambda(testHandler(stack, 'Authorizer'))],
];

describe('HttpApiToLambda defaults', () => {
  test('the invoke permission is created and scoped to this API', () => {
    const { template } = build();
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] },
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:us-east-1:123456789012:', { Ref: Match.stringLikeRegexp('^FrontHttpApi') }, '/*/*']] },
    });
  });

  test('the invoke permission also exists for an imported function', () => {
    const stack = newStack();
    const handler = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:210987654321:function:orders');
    build({ handler }, stack).template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: 'arn:aws:lambda:us-east-1:210987654321:function:orders' });
  });

  test('every request goes to the $default route, a Lambda proxy (payload 2.0) behind the authorizer', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'Front', ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] },
    });
  });

  test('the $default stage auto-deploys, throttles 500/s burst 1000 and writes JSON access logs to an encrypted group', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] } },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', authorizerError: '$context.authorizer.error',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] } });
  });

  test('custom throttle', () => {
    build({ throttle: { rateLimit: 20, burstLimit: 40 } }).template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  test('authorizers: JWT, Cognito user pool and Lambda', () => {
    build({ authorization: HttpApiAuthorization.jwt('https://login.example.com/', ['orders-app'], { authorizationScopes: ['orders/read'] }) })
      .template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT', JwtConfiguration: { Issuer: 'https://login.example.com/', Audience: ['orders-app'] },
      });
    const lambdaStack = newStack();
    const lambdaTemplate = build({ authorization: HttpApiAuthorization.lambda(testHandler(lambdaStack, 'Authorizer'), { resultsCacheTtl: Duration.seconds(30) }) }, lambdaStack).template;
    lambdaTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'REQUEST', AuthorizerResultTtlInSeconds: 30 });
    lambdaTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM' });
  });

  test('explicit opt-out: the route has no authorization, and cdk-nag keeps reporting it', () => {
    const { stack, template } = build({ authorization: undefined, allowUnauthenticatedAccess: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'NONE' });
    expect(nagErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/^AwsSolutions-APIG4 /)]));
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(build().stack)).toMatchSnapshot();
  });
});

describe('HttpApiToLambda validation', () => {
  test('an authorization choice or the explicit opt-out is required', () => {
    const stack = newStack();
    expect(() => new HttpApiToLambda(stack, 'Front', { handler: testHandler(stack) }))
      .toThrow(/HttpApiToLambda: invalid authorization \(undefined\); allowed: an authorizer .*or allowUnauthenticatedAccess: true/);
  });

  test('authorization and the opt-out cannot be combined', () => {
    expect(() => build({ allowUnauthenticatedAccess: true })).toThrow(/invalid allowUnauthenticatedAccess \(true\)/);
  });

  test.each([
    [{ throttle: { rateLimit: -1, burstLimit: 1 } }, /HttpApiToLambda: invalid throttle.rateLimit \(-1\)/],
    [{ throttle: { rateLimit: 1, burstLimit: 0.5 } }, /HttpApiToLambda: invalid throttle.burstLimit \(0.5\); allowed: a whole number of requests, 0 or more/],
  ] as Array<[Partial<HttpApiToLambdaProps>, RegExp]>)('rejects %j', (props, error) => {
    expect(() => build(props)).toThrow(error);
  });

  test('authorizer options are validated', () => {
    const stack = newStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_example');
    expect(() => HttpApiAuthorization.jwt('http://login.example.com/', ['app'])).toThrow(/invalid issuer \("http:\/\/login.example.com\/"\); allowed: an https:\/\/ URL/);
    expect(() => HttpApiAuthorization.jwt('https://login.example.com/', [])).toThrow(/invalid audience/);
    expect(() => HttpApiAuthorization.userPool(pool, [])).toThrow(/invalid userPoolClients/);
    expect(() => HttpApiAuthorization.lambda(testHandler(stack), { resultsCacheTtl: Duration.hours(2) })).toThrow(/invalid resultsCacheTtl .*0 seconds to 1 hour/);
  });
});

describe('HttpApiToLambda is nag-clean and warning-free', () => {
  for (const [appName, makeApp] of APP_VARIANTS) {
    test.each(AUTHORIZATION_CHOICES)(`${appName}, %s authorization`, (_choice, authorization) => {
      const stack = newStack(makeApp());
      new HttpApiToLambda(stack, 'Front', { handler: testHandler(stack), authorization: authorization(stack) });
      expect(nagErrors(stack)).toEqual([]);
      expect(nagFindings(stack)).toEqual([]);
      expect(synthWarnings(stack)).toEqual([]);
    });
  }
});
