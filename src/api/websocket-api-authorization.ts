import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BoundWebSocketApiAuthorization } from './bound-authorizations';
import { PropValidationError } from '../core/validation';

/** Options of a Lambda authorizer of a WebSocket API. */
export interface WebSocketLambdaAuthorizationOptions {
  /**
   * The `$connect` request values the decision depends on. Browsers cannot set headers on a WebSocket, so browser
   * clients usually send a token in the query string (`route.request.querystring.token`).
   * @default ['route.request.header.Authorization']
   */
  readonly identitySource?: string[];
}

const CONSTRUCT = 'WebSocketApiAuthorization';

/**
 * How clients of a WebSocket API prove who they are. API Gateway authorizes WebSocket clients once, on `$connect`;
 * every later message runs on the authorized connection.
 */
export class WebSocketApiAuthorization {
  /** Clients sign the `$connect` request with AWS Signature Version 4; IAM policies decide. */
  public static iam(): WebSocketApiAuthorization {
    return new WebSocketApiAuthorization('AWS_IAM', () => ({ authorizer: new authorizers.WebSocketIamAuthorizer() }));
  }

  /** A Lambda function decides on `$connect`. */
  public static lambda(handler: lambda.IFunction, options: WebSocketLambdaAuthorizationOptions = {}): WebSocketApiAuthorization {
    if (options.identitySource !== undefined && options.identitySource.length === 0) {
      throw new PropValidationError(CONSTRUCT, 'identitySource', '[]', 'at least one identity source, or leave it out');
    }
    return new WebSocketApiAuthorization('CUSTOM', () => ({
      authorizer: new authorizers.WebSocketLambdaAuthorizer('LambdaAuthorizer', handler, { identitySource: options.identitySource }),
    }));
  }

  /** An authorizer you built yourself. */
  public static fromAuthorizer(authorizer: apigwv2.IWebSocketRouteAuthorizer): WebSocketApiAuthorization {
    return new WebSocketApiAuthorization('CUSTOM', () => ({ authorizer }));
  }

  /** The `$connect` route authorization type: AWS_IAM or CUSTOM. */
  public readonly authorizationType: string;
  private readonly binder: () => BoundWebSocketApiAuthorization;

  private constructor(authorizationType: string, binder: () => BoundWebSocketApiAuthorization) {
    this.authorizationType = authorizationType;
    this.binder = binder;
  }

  /**
   * Creates the authorizer (once per API).
   * @internal
   */
  public _bind(): BoundWebSocketApiAuthorization {
    return this.binder();
  }
}
