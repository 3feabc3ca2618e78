import { Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Lambda proxy integration of an HTTP API route that adds no permission of its own: the front door adds one
 * permission per function and API (see LambdaInvokePermission), which also works for imported functions.
 */
export class HttpLambdaProxyIntegration extends apigwv2.HttpRouteIntegration {
  constructor(id: string, private readonly handler: lambda.IFunction) {
    super(id);
  }

  public bind(_options: apigwv2.HttpRouteIntegrationBindOptions): apigwv2.HttpRouteIntegrationConfig {
    return {
      type: apigwv2.HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    };
  }
}

/** Lambda proxy integration of a WebSocket API route, likewise without a permission of its own. */
export class WebSocketLambdaProxyIntegration extends apigwv2.WebSocketRouteIntegration {
  constructor(id: string, private readonly handler: lambda.IFunction) {
    super(id);
  }

  public bind(options: apigwv2.WebSocketRouteIntegrationBindOptions): apigwv2.WebSocketRouteIntegrationConfig {
    return {
      type: apigwv2.WebSocketIntegrationType.AWS_PROXY,
      uri: Stack.of(options.route).formatArn({
        service: 'apigateway',
        account: 'lambda',
        resource: 'path/2015-03-31/functions',
        resourceName: `${this.handler.functionArn}/invocations`,
      }),
    };
  }
}
