import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testHandler } from './helpers';
import { WebSocketApiAuthorization, WebSocketApiToLambda, WebSocketApiToLambdaProps } from '../../src/api';
import { StableSnapshot } from '../../src/testing';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

type Built = { stack: Stack; front: WebSocketApiToLambda; template: Template };

function build(props: Partial<WebSocketApiToLambdaProps> = {}, stack: Stack = newStack()): Built {
  const handler = props.handler ?? testHandler(stack);
  const front = new WebSocketApiToLambda(stack, 'Chat', { authorization: WebSocketApiAuthorization.iam(), ...props, handler });
  return { stack, front, template: Template.fromStack(stack) };
}

const CONNECTIONS_ARN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:us-east-1:123456789012:', { Ref: Match.stringLikeRegexp('^ChatWebSocketApi') }, '/prod/*/@connections/*']],
};

describe('WebSocketApiToLambda defaults', () => {
  test('$connect, $disconnect and $default go to the handler; the route selection expression defaults to $request.body.action', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    for (const routeKey of ['$connect', '$disconnect', '$default']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] }, '/invocations'])] },
    });
  });

  test('the authorizer guards $connect only (API Gateway authorizes WebSocket clients when they connect)', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'NONE' });
  });

  test('custom routes with their own or the shared handler; one integration and one invoke permission per function', () => {
    const stack = newStack();
    const other = testHandler(stack, 'Other');
    const { template } = build({ routes: [{ routeKey: 'sendMessage', returnResponse: true }, { routeKey: 'typing', handler: other }] }, stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage', RouteResponseSelectionExpression: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'typing' });
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Other'), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:us-east-1:123456789012:', { Ref: Match.stringLikeRegexp('^ChatWebSocketApi') }, '/*']] },
    });
  });

  test('separate $connect / $disconnect / $default handlers', () => {
    const stack = newStack();
    const { template } = build({
      connectHandler: testHandler(stack, 'Connect'), disconnectHandler: testHandler(stack, 'Disconnect'), defaultHandler: testHandler(stack, 'Default'),
    }, stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    template.resourceCountIs('AWS::Lambda::Permission', 3);
  });

  test('the invoke permission also exists for an imported function', () => {
    const stack = newStack();
    const handler = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:210987654321:function:chat');
    build({ handler }, stack).template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: 'arn:aws:lambda:us-east-1:210987654321:function:chat' });
  });

  test('every backend function may manage connections of this stage (customer managed policy on its role)', () => {
    const stack = newStack();
    const other = testHandler(stack, 'Other');
    const { template } = build({ routes: [{ routeKey: 'typing', handler: other }] }, stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:ManageConnections', Resource: CONNECTIONS_ARN }] },
      Roles: [{ Ref: Match.stringLikeRegexp('^HandlerServiceRole') }, { Ref: Match.stringLikeRegexp('^OtherServiceRole') }],
    });
  });

  test('grantManageConnections gives another principal the same right', () => {
    const stack = newStack();
    const front = new WebSocketApiToLambda(stack, 'Chat', { handler: testHandler(stack), authorization: WebSocketApiAuthorization.iam() });
    const role = new iam.Role(stack, 'Notifier', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    front.grantManageConnections(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:ManageConnections', Resource: CONNECTIONS_ARN }] },
      Roles: [{ Ref: Match.stringLikeRegexp('^Notifier') }],
    });
  });

  test('stage: auto-deployed, throttled 500/s burst 1000, INFO execution logs without bodies, JSON access logs', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000, LoggingLevel: 'INFO', DataTraceEnabled: false },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] } },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({
      connectionId: '$context.connectionId', eventType: '$context.eventType', routeKey: '$context.routeKey', status: '$context.status',
    });
  });

  test('log groups are encrypted and kept a year; execution logs pre-created; the account CloudWatch role exists', () => {
    const { template } = build();
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/apigateway/', { Ref: Match.stringLikeRegexp('^ChatWebSocketApi') }, '/prod']] },
    });
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResource('AWS::ApiGatewayV2::Stage', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ApiGatewayCloudWatchAccount')]) });
  });

  test('options: stage name, throttle, logging level, no account role', () => {
    const { template } = build({
      stageName: 'live',
      throttle: { rateLimit: 10, burstLimit: 20 },
      executionLoggingLevel: apigw.MethodLoggingLevel.ERROR,
      cloudWatchRole: false,
      routeSelectionExpression: '${request.body.type}',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live', DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, LoggingLevel: 'ERROR' },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { RouteSelectionExpression: '${request.body.type}' });
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('Lambda authorizer on $connect', () => {
    const stack = newStack();
    const { template } = build({
      authorization: WebSocketApiAuthorization.lambda(testHandler(stack, 'Authorizer'), { identitySource: ['route.request.querystring.token'] }),
    }, stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'CUSTOM' });
  });

  test('explicit opt-out: $connect without authorization, and cdk-nag keeps reporting it', () => {
    const { stack, template } = build({ authorization: undefined, allowUnauthenticatedAccess: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'NONE' });
    expect(nagErrors(stack)).toEqual([expect.stringMatching(/^AwsSolutions-APIG4 /)]);
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(build({ routes: [{ routeKey: 'sendMessage' }] }).stack)).toMatchSnapshot();
  });
});

describe('WebSocketApiToLambda validation', () => {
  test('an authorization choice or the explicit opt-out is required', () => {
    const stack = newStack();
    expect(() => new WebSocketApiToLambda(stack, 'Chat', { handler: testHandler(stack) }))
      .toThrow(/WebSocketApiToLambda: invalid authorization \(undefined\); allowed: an authorizer on \$connect .*or allowUnauthenticatedAccess: true/);
  });

  test.each([
    [{ allowUnauthenticatedAccess: true }, /invalid allowUnauthenticatedAccess \(true\)/],
    [{ routes: [{ routeKey: '$connect' }] }, /invalid routes\[0\].routeKey \("\$connect"\); allowed: a non-empty value not starting with "\$"/],
    [{ routes: [{ routeKey: '' }] }, /invalid routes\[0\].routeKey \(""\)/],
    [{ routes: [{ routeKey: 'send' }, { routeKey: 'send' }] }, /invalid routes\[1\].routeKey \("send"\); allowed: a route key not used by another route/],
    [{ routeSelectionExpression: 'action' }, /invalid routeSelectionExpression \("action"\); allowed: a JSON body field selector like \$request.body.action/],
    [{ stageName: 'a/b' }, /invalid stageName \("a\/b"\)/],
    [{ throttle: { rateLimit: 1, burstLimit: -2 } }, /WebSocketApiToLambda: invalid throttle.burstLimit \(-2\)/],
  ] as Array<[Partial<WebSocketApiToLambdaProps>, RegExp]>)('rejects %j', (props, error) => {
    expect(() => build(props)).toThrow(error);
  });

  test('authorizer options are validated', () => {
    expect(() => WebSocketApiAuthorization.lambda(testHandler(newStack()), { identitySource: [] }))
      .toThrow(/WebSocketApiAuthorization: invalid identitySource/);
  });
});

describe('WebSocketApiToLambda is nag-clean and warning-free', () => {
  const choices: Array<[string, (stack: Stack) => WebSocketApiAuthorization]> = [
    ['IAM', () => WebSocketApiAuthorization.iam()],
    ['Lambda', stack => WebSocketApiAuthorization.lambda(testHandler(stack, 'Authorizer'))],
  ];
  for (const [appName, makeApp] of APP_VARIANTS) {
    test.each(choices)(`${appName}, %s authorization`, (_choice, authorization) => {
      const stack = newStack(makeApp());
      new WebSocketApiToLambda(stack, 'Chat', { handler: testHandler(stack), authorization: authorization(stack), routes: [{ routeKey: 'sendMessage' }] });
      expect(nagErrors(stack)).toEqual([]);
      expect(nagFindings(stack)).toEqual([]);
      expect(synthWarnings(stack)).toEqual([]);
    });
  }
});
