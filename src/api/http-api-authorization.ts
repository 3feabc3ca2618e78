import { Duration, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BoundHttpApiAuthorization } from './bound-authorizations';
import { PropValidationError, validateDurationRange } from '../core/validation';

/** Options of a JWT authorizer. */
export interface HttpJwtAuthorizationOptions {
  /**
   * Where the token is read from.
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
  /**
   * Scopes the token must carry (any one of them).
   * @default - no scope check
   */
  readonly authorizationScopes?: string[];
}

/** Options of a Cognito user pool authorizer of an HTTP API. */
export interface HttpUserPoolAuthorizationOptions {
  /**
   * Where the token is read from.
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
  /**
   * OAuth scopes the access token must carry (any one of them).
   * @default - no scope check
   */
  readonly authorizationScopes?: string[];
}

/** Options of a Lambda authorizer of an HTTP API. */
export interface HttpLambdaAuthorizationOptions {
  /**
   * What the function returns: an IAM policy, or the simple `{ isAuthorized: boolean }` (payload format 2.0).
   * @default [HttpLambdaResponseType.IAM]
   */
  readonly responseTypes?: authorizers.HttpLambdaResponseType[];
  /**
   * The request values the decision depends on (also the cache key).
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
  /**
   * How long the decision is cached for the same identity values: 0 (no cache) to 1 hour.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

const CONSTRUCT = 'HttpApiAuthorization';

/**
 * How callers of an HTTP API prove who they are: a JWT from any OpenID Connect issuer, a Cognito user pool, IAM
 * (SigV4) or a Lambda authorizer. One of these (or the explicit `allowUnauthenticatedAccess` opt-out) is required.
 */
export class HttpApiAuthorization {
  /** Callers sign requests with AWS Signature Version 4; IAM policies (`execute-api:Invoke`) decide. */
  public static iam(): HttpApiAuthorization {
    return new HttpApiAuthorization('AWS_IAM', () => ({ authorizer: new authorizers.HttpIamAuthorizer() }));
  }

  /**
   * Callers present a JWT issued by `issuer` (an https URL, e.g. `https://login.example.com/`) for one of `audience`.
   */
  public static jwt(issuer: string, audience: string[], options: HttpJwtAuthorizationOptions = {}): HttpApiAuthorization {
    if (!Token.isUnresolved(issuer) && !issuer.startsWith('https://')) {
      throw new PropValidationError(CONSTRUCT, 'issuer', issuer, 'an https:// URL of the OpenID Connect issuer');
    }
    if (audience.length === 0) throw new PropValidationError(CONSTRUCT, 'audience', '[]', 'at least one audience (client id)');
    return new HttpApiAuthorization('JWT', () => ({
      authorizer: new authorizers.HttpJwtAuthorizer('JwtAuthorizer', issuer, { jwtAudience: audience, identitySource: options.identitySource }),
      authorizationScopes: options.authorizationScopes,
    }));
  }

  /** Callers present a token of a Cognito user pool, issued to one of `userPoolClients`. */
  public static userPool(
    userPool: cognito.IUserPool, userPoolClients: cognito.IUserPoolClient[], options: HttpUserPoolAuthorizationOptions = {},
  ): HttpApiAuthorization {
    if (userPoolClients.length === 0) throw new PropValidationError(CONSTRUCT, 'userPoolClients', '[]', 'at least one user pool client');
    return new HttpApiAuthorization('JWT', () => ({
      authorizer: new authorizers.HttpUserPoolAuthorizer('UserPoolAuthorizer', userPool, {
        userPoolClients, identitySource: options.identitySource,
      }),
      authorizationScopes: options.authorizationScopes,
    }));
  }

  /** A Lambda function decides. */
  public static lambda(handler: lambda.IFunction, options: HttpLambdaAuthorizationOptions = {}): HttpApiAuthorization {
    validateDurationRange(CONSTRUCT, 'resultsCacheTtl', options.resultsCacheTtl, 0, 3600, '0 seconds to 1 hour');
    if (options.identitySource !== undefined && options.identitySource.length === 0) {
      throw new PropValidationError(CONSTRUCT, 'identitySource', '[]', 'at least one identity source, or leave it out');
    }
    return new HttpApiAuthorization('CUSTOM', () => ({
      authorizer: new authorizers.HttpLambdaAuthorizer('LambdaAuthorizer', handler, {
        responseTypes: options.responseTypes,
        identitySource: options.identitySource,
        resultsCacheTtl: options.resultsCacheTtl,
      }),
    }));
  }

  /** An authorizer you built yourself. */
  public static fromAuthorizer(authorizer: apigwv2.IHttpRouteAuthorizer, authorizationScopes?: string[]): HttpApiAuthorization {
    return new HttpApiAuthorization('CUSTOM', () => ({ authorizer, authorizationScopes }));
  }

  /** The route authorization type: AWS_IAM, JWT or CUSTOM. */
  public readonly authorizationType: string;
  private readonly binder: () => BoundHttpApiAuthorization;

  private constructor(authorizationType: string, binder: () => BoundHttpApiAuthorization) {
    this.authorizationType = authorizationType;
    this.binder = binder;
  }

  /**
   * Creates the authorizer (once per API).
   * @internal
   */
  public _bind(): BoundHttpApiAuthorization {
    return this.binder();
  }
}
