import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addApiExamples } from '../../examples/api';
import { StableSnapshot } from '../../src';
import { synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

const STACKS = ['RestApiToLambdaExample', 'RestApiToQueueExample', 'HttpApiToLambdaExample', 'WebSocketApiToLambdaExample'];

describe('api examples', () => {
  const app = new App();
  addApiExamples(app);
  const stack = (id: string) => app.node.findChild(id) as Stack;
  const template = (id: string) => Template.fromStack(stack(id));

  test('four stacks synthesize with no cdk-nag finding in the four packs and no warning', () => {
    expect(app.node.children.map(c => c.node.id)).toEqual(STACKS);
    expect(nagErrors(app)).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
    for (const id of STACKS) expect(synthWarnings(stack(id))).toEqual([]);
  });

  test('RestApiToLambdaExample: IAM-authorized proxy methods, a partner usage plan with two API keys, a WAF', () => {
    const t = template('RestApiToLambdaExample');
    t.allResourcesProperties('AWS::ApiGateway::Method', { AuthorizationType: 'AWS_IAM', ApiKeyRequired: true });
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: 'partners', Throttle: { RateLimit: 10, BurstLimit: 20 }, Quota: { Limit: 10000, Period: 'DAY' } });
    t.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
    t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com' });
  });

  test('RestApiToQueueExample: POST /orders validated against the order schema and sent to the queue', () => {
    const t = template('RestApiToQueueExample');
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    t.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'orders' });
    t.hasResourceProperties('AWS::ApiGateway::Model', { Schema: Match.objectLike({ required: ['orderId', 'items'] }) });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', Integration: { Type: 'AWS', RequestTemplates: { 'application/json': Match.stringLikeRegexp('^Action=SendMessage') } } });
    t.resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('HttpApiToLambdaExample: JWT authorizer from parameters, CORS, custom throttle', () => {
    const t = template('HttpApiToLambdaExample');
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', JwtConfiguration: { Issuer: { Ref: 'JwtIssuer' }, Audience: [{ Ref: 'JwtAudience' }] } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example.com'] }) });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
  });

  test('WebSocketApiToLambdaExample: IAM on $connect, a sendMessage route, and the handler may manage connections', () => {
    const t = template('WebSocketApiToLambdaExample');
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'AWS_IAM' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage' });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', { PolicyDocument: { Statement: [Match.objectLike({ Action: 'execute-api:ManageConnections' })] } });
  });

  test.each(STACKS)('%s: every key CloudWatch Logs may use is limited to log groups of this account and Region', id => {
    const logsStatements = Object.values(template(id).findResources('AWS::KMS::Key'))
      .flatMap(key => key.Properties.KeyPolicy.Statement as Array<Record<string, any>>)
      .filter(statement => JSON.stringify(statement.Principal).includes('logs.'));
    // The API's log key, and the example function's log key in the stacks that have a function.
    expect(logsStatements).toHaveLength(id === 'RestApiToQueueExample' ? 1 : 2);
    for (const statement of logsStatements) {
      expect(Object.keys(statement.Condition.ArnLike)).toEqual(['kms:EncryptionContext:aws:logs:arn']);
    }
  });

  test.each(STACKS)('%s snapshot', id => {
    expect(StableSnapshot.of(stack(id))).toMatchSnapshot();
  });
});
