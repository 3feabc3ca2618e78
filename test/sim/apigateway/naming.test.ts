/**
 * What Ref and Fn::GetAtt return for API Gateway, WAFv2 and Cognito resources (the CloudFormation resource
 * reference's "Return values"), on the library's front doors.
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { fn, newStack } from './helpers';
import { HttpApiToLambda, RestApiToLambda, WebSocketApiToLambda } from '../../../src/api';
import { Simulator } from '../../../src/sim';

describe('Ref and GetAtt of API Gateway resources', () => {
  test('RestApi, Stage, WebACL and its association; HTTP and WebSocket ApiEndpoint; Cognito pool and client', () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const rest = new RestApiToLambda(stack, 'Rest', { handler, allowUnauthenticatedAccess: true, stageName: 'live' });
    const http = new HttpApiToLambda(stack, 'Http', { handler, allowUnauthenticatedAccess: true });
    const ws = new WebSocketApiToLambda(stack, 'Ws', { handler, allowUnauthenticatedAccess: true });
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    const sim = Simulator.fromStack(stack);

    const restApi = sim.resource(rest.restApi);
    expect(restApi.ref).toMatch(/^[a-z0-9]{10}$/);
    expect(sim.resource(rest.api.stage).ref).toBe('live');
    const acl = sim.resource(rest.api.webAcl!);
    expect(acl.attributes.Arn).toMatch(/^arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\/.+\/[0-9a-f-]{36}$/);
    expect(acl.ref).toBe(`${acl.attributes.Arn.split('/')[2]}|${acl.attributes.Id}|REGIONAL`);
    expect(sim.resource(rest.api.webAclAssociation!).properties.ResourceArn).toBe(`arn:aws:apigateway:us-east-1::/restapis/${restApi.ref}/stages/live`);

    const httpApi = sim.resource(http.httpApi);
    expect(httpApi.attributes.ApiEndpoint).toBe(`https://${httpApi.ref}.execute-api.us-east-1.amazonaws.com`);
    expect(sim.resource(ws.webSocketApi).attributes.ApiEndpoint).toMatch(/^wss:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(sim.api(ws).url()).toBe(`${sim.resource(ws.webSocketApi).attributes.ApiEndpoint}/prod`);
    expect(sim.api(http).url()).toBe(httpApi.attributes.ApiEndpoint);

    const p = sim.resource(pool);
    expect(p.ref).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(p.attributes).toMatchObject({ ProviderURL: `https://cognito-idp.us-east-1.amazonaws.com/${p.ref}`, Arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${p.ref}` });
    expect(sim.resource(client).ref).toMatch(/^[a-z0-9]{26}$/);
    expect(sim.unsupported.placeholders.filter(u => /ApiGateway|WAFv2|Cognito/.test(u.type))).toEqual([]);
  });
});
