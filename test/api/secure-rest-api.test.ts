import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { testHandler } from './helpers';
import { RestApiAuthorization, SecureRestApi } from '../../src/api';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

const mock = () => new apigw.MockIntegration({
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: [{ statusCode: '200' }],
});

describe('SecureRestApi used directly', () => {
  test('addMethod applies the validator, the authorizer, the body model and required parameters', () => {
    const stack = newStack();
    const api = new SecureRestApi(stack, 'Api', { authorization: RestApiAuthorization.lambdaToken(testHandler(stack, 'Authorizer')) });
    const method = api.addMethod(api.restApi.root.addResource('health'), 'POST', mock(), {
      requestBodySchema: { type: apigw.JsonSchemaType.OBJECT },
      requiredRequestParameters: ['method.request.querystring.probe'],
      methodResponses: [{ statusCode: '200' }],
    });
    expect(api.methods).toEqual([method]);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: Match.stringLikeRegexp('TokenAuthorizer') },
      RequestValidatorId: { Ref: Match.stringLikeRegexp('RequestValidator') },
      RequestModels: { 'application/json': { Ref: Match.stringLikeRegexp('RequestBodyModel1') } },
      RequestParameters: { 'method.request.querystring.probe': true },
    });
  });

  test('methods added straight on restApi still inherit the authorization choice', () => {
    const stack = newStack();
    const api = new SecureRestApi(stack, 'Api', { authorization: RestApiAuthorization.iam() });
    api.restApi.root.addMethod('GET', mock());
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
  });

  test('CORS preflight methods stay open (browsers send no credentials on preflight) and nag accepts them', () => {
    const stack = newStack();
    const api = new SecureRestApi(stack, 'Api', {
      authorization: RestApiAuthorization.iam(),
      corsPreflight: { allowOrigins: ['https://shop.example.com'] },
    });
    api.addMethod(api.restApi.root, 'GET', mock());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
    expect(nagErrors(stack)).toEqual([]);
  });

  test('the client-certificate and cache rules are acknowledged on the stage only while caching is off', () => {
    const stack = newStack();
    const off = new SecureRestApi(stack, 'Off', { authorization: RestApiAuthorization.iam() });
    const on = new SecureRestApi(stack, 'On', { authorization: RestApiAuthorization.iam(), cacheClusterSize: '0.5' });
    off.addMethod(off.restApi.root, 'GET', mock());
    on.addMethod(on.restApi.root, 'GET', mock());
    const acknowledged = (api: SecureRestApi) => api.stage.node.metadata
      .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(m => Object.keys(m.data as object));
    expect(acknowledged(off).join(' ')).toMatch(/APIGWCacheEnabledAndEncrypted/);
    expect(acknowledged(on).join(' ')).not.toMatch(/APIGWCacheEnabledAndEncrypted/);
    expect(acknowledged(on).join(' ')).toMatch(/NIST.800.53.R5-APIGWSSLEnabled/);
    expect(nagErrors(stack)).toEqual([]);
  });

  test.each(APP_VARIANTS)('nag-clean and warning-free with a REGIONAL endpoint and usage plans (%s)', (_name, makeApp) => {
    const stack = newStack(makeApp());
    const api = new SecureRestApi(stack, 'Api', {
      authorization: RestApiAuthorization.iam(),
      endpointType: apigw.EndpointType.REGIONAL,
      usagePlans: [{ name: 'basic', quota: { limit: 1000, period: apigw.Period.WEEK, offset: 1 } }],
    });
    api.addMethod(api.restApi.root, 'GET', mock());
    expect(nagErrors(stack)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});
