import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BoundRestApiAuthorization } from './bound-authorizations';
import { PropValidationError, validateDurationRange } from '../core/validation';

/** Options of a Cognito user pool authorizer. */
export interface CognitoAuthorizationOptions {
  /**
   * OAuth scopes a caller's access token must carry (any one of them). With scopes, callers send the access token;
   * without, the ID token.
   * @default - no scope check (the ID token is accepted)
   */
  readonly authorizationScopes?: string[];
  /**
   * Where the token is read from.
   * @default IdentitySource.header('Authorization')
   */
  readonly identitySource?: string;
  /**
   * How long API Gateway caches the authorizer's decision for the same token: 0 (no cache) to 1 hour.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** Options of a Lambda TOKEN authorizer (one bearer token, e.g. a JWT from your own identity provider). */
export interface LambdaTokenAuthorizationOptions {
  /**
   * The header carrying the token.
   * @default IdentitySource.header('Authorization')
   */
  readonly identitySource?: string;
  /**
   * A regular expression the token must match before API Gateway invokes the authorizer (cheap rejection of junk).
   * @default - every token is passed to the authorizer
   */
  readonly validationRegex?: string;
  /**
   * How long API Gateway caches the authorizer's policy for the same token: 0 (no cache) to 1 hour.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** Options of a Lambda REQUEST authorizer (decides from headers, query strings, stage variables or context). */
export interface LambdaRequestAuthorizationOptions {
  /**
   * The request values the decision depends on, built with `apigw.IdentitySource` (e.g.
   * `IdentitySource.header('Authorization')`). At least one; they form the cache key, and a request missing any of
   * them is rejected with 401 without invoking the authorizer.
   */
  readonly identitySources: string[];
  /**
   * How long API Gateway caches the authorizer's policy for the same identity values: 0 (no cache) to 1 hour.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

const CONSTRUCT = 'RestApiAuthorization';

/**
 * How callers of a REST API prove who they are. One of these (or the explicit `allowUnauthenticatedAccess` opt-out)
 * is required by every REST front door of this library.
 */
export class RestApiAuthorization {
  /** Callers sign requests with AWS Signature Version 4; IAM policies (`execute-api:Invoke`) decide. */
  public static iam(): RestApiAuthorization {
    return new RestApiAuthorization(apigw.AuthorizationType.IAM, () => ({ authorizationType: apigw.AuthorizationType.IAM }));
  }

  /** Callers present a token issued by one of these Cognito user pools. */
  public static cognito(userPools: cognito.IUserPool[], options: CognitoAuthorizationOptions = {}): RestApiAuthorization {
    if (userPools.length === 0) throw new PropValidationError(CONSTRUCT, 'userPools', '[]', 'at least one Cognito user pool');
    validateCacheTtl(options.resultsCacheTtl);
    return new RestApiAuthorization(apigw.AuthorizationType.COGNITO, scope => ({
      authorizationType: apigw.AuthorizationType.COGNITO,
      authorizer: new apigw.CognitoUserPoolsAuthorizer(scope, 'CognitoAuthorizer', {
        cognitoUserPools: userPools,
        identitySource: options.identitySource,
        resultsCacheTtl: options.resultsCacheTtl,
      }),
      authorizationScopes: options.authorizationScopes,
    }));
  }

  /** A Lambda function decides from one bearer token (TOKEN authorizer). */
  public static lambdaToken(handler: lambda.IFunction, options: LambdaTokenAuthorizationOptions = {}): RestApiAuthorization {
    validateCacheTtl(options.resultsCacheTtl);
    return new RestApiAuthorization(apigw.AuthorizationType.CUSTOM, scope => ({
      authorizationType: apigw.AuthorizationType.CUSTOM,
      authorizer: new apigw.TokenAuthorizer(scope, 'TokenAuthorizer', {
        handler,
        identitySource: options.identitySource,
        validationRegex: options.validationRegex,
        resultsCacheTtl: options.resultsCacheTtl,
      }),
    }));
  }

  /** A Lambda function decides from request values (REQUEST authorizer). */
  public static lambdaRequest(handler: lambda.IFunction, options: LambdaRequestAuthorizationOptions): RestApiAuthorization {
    if (options.identitySources.length === 0) {
      throw new PropValidationError(CONSTRUCT, 'identitySources', '[]', 'at least one identity source, e.g. IdentitySource.header(\'Authorization\')');
    }
    validateCacheTtl(options.resultsCacheTtl);
    return new RestApiAuthorization(apigw.AuthorizationType.CUSTOM, scope => ({
      authorizationType: apigw.AuthorizationType.CUSTOM,
      authorizer: new apigw.RequestAuthorizer(scope, 'RequestAuthorizer', {
        handler,
        identitySources: options.identitySources,
        resultsCacheTtl: options.resultsCacheTtl,
      }),
    }));
  }

  /**
   * An authorizer you built yourself (it must belong to this API only: API Gateway authorizers are per API).
   * @param authorizationScopes OAuth scopes, for Cognito authorizers only
   */
  public static fromAuthorizer(authorizer: apigw.IAuthorizer, authorizationScopes?: string[]): RestApiAuthorization {
    const authorizationType = authorizer.authorizationType ?? apigw.AuthorizationType.CUSTOM;
    return new RestApiAuthorization(authorizationType, () => ({ authorizationType, authorizer, authorizationScopes }));
  }

  /** The method authorization type this choice produces. */
  public readonly authorizationType: apigw.AuthorizationType;
  private readonly binder: (scope: Construct) => BoundRestApiAuthorization;

  private constructor(authorizationType: apigw.AuthorizationType, binder: (scope: Construct) => BoundRestApiAuthorization) {
    this.authorizationType = authorizationType;
    this.binder = binder;
  }

  /**
   * Creates the authorizer (if any) under `scope`.
   * @internal
   */
  public _bind(scope: Construct): BoundRestApiAuthorization {
    return this.binder(scope);
  }
}

function validateCacheTtl(ttl: Duration | undefined): void {
  validateDurationRange(CONSTRUCT, 'resultsCacheTtl', ttl, 0, 3600, '0 seconds to 1 hour');
}
