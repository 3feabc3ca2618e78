import * as apigw from 'aws-cdk-lib/aws-apigateway';

/** What a method needs to be protected by an authorization choice. */
export interface BoundRestApiAuthorization {
  readonly authorizationType: apigw.AuthorizationType;
  readonly authorizer?: apigw.IAuthorizer;
  readonly authorizationScopes?: string[];
}
