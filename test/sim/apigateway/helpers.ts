/**
 * Stacks and tokens for the API Gateway tests: the library's front doors with a handler and an authorizer function,
 * raw REST API templates for the rules the front doors do not exercise, and JWTs signed with a test key.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as jose from 'jose';
import { RestApiAuthorization, RestApiToLambda, RestApiToLambdaProps } from '../../../src/api';
import { Simulator } from '../../../src/sim';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function newStack(): Stack {
  return new Stack(new App(), 'Shop', { env: { account: ACCOUNT, region: REGION } });
}

export function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.minutes(1),
  });
}

/** An allow-everything policy of a Lambda authorizer, for the API of `methodArn`. */
export function allowAll(methodArn: string, principalId = 'user-1', context: Record<string, unknown> = {}) {
  const apiArn = methodArn.split('/')[0];
  return { principalId, context, policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${apiArn}/*` }] } };
}

export function policy(effect: 'Allow' | 'Deny', resource: string, principalId = 'user-1') {
  return { principalId, policyDocument: { Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }] } };
}

/** RestApiToLambda with a Lambda TOKEN authorizer (the handler echoes the proxy event). */
export function restFrontDoor(props: Partial<RestApiToLambdaProps> = {}, simOptions: { strict?: boolean } = {}) {
  const stack = newStack();
  const handler = fn(stack, 'Handler');
  const authorizer = fn(stack, 'Authorizer');
  const api = new RestApiToLambda(stack, 'Orders', {
    handler,
    authorization: RestApiAuthorization.lambdaToken(authorizer),
    webAcl: { enabled: false },
    ...props,
  });
  const sim = Simulator.fromStack(stack, simOptions);
  sim.lambda(handler).handle(async (event: any) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }));
  sim.lambda(authorizer).handle(async (event: any) => (event.authorizationToken === 'allow' ? allowAll(event.methodArn, 'user-1', { tenant: 'acme' }) : policy('Deny', event.methodArn)));
  return { stack, sim, api, handler, authorizer };
}

/** An RSA key pair, its public JWKS, and a signer of tokens for `issuer`. */
export async function tokenIssuer(issuer: string) {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256');
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const sign = (claims: Record<string, unknown>, options: { expiresIn?: string | number; issuer?: string } = {}) =>
    new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt(Math.floor(Date.UTC(2024, 0, 1) / 1000))
      .setExpirationTime(options.expiresIn ?? Math.floor(Date.UTC(2024, 0, 1) / 1000) + 3600)
      .sign(privateKey);
  return { issuer, jwks: { keys: [jwk] }, sign };
}
