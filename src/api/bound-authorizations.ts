import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

/** What a method needs to be protected by an authorization choice. */
export interface BoundRestApiAuthorization {
  readonly authorizationType: apigw.AuthorizationType;
  readonly authorizer?: apigw.IAuthorizer;
  readonly authorizationScopes?: string[];
}

/** What the routes of an HTTP API need from an authorization choice. */
export interface BoundHttpApiAuthorization {
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  readonly authorizationScopes?: string[];
}

/** What the $connect route of a WebSocket API needs from an authorization choice. */
export interface BoundWebSocketApiAuthorization {
  readonly authorizer: apigwv2.IWebSocketRouteAuthorizer;
}
