import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { LambdaInvokePermission } from './lambda-invoke-permission';
import { SecureRestApi, SecureRestApiProps } from './secure-rest-api';
import { SecureRestApiValidation } from './secure-rest-api-validation';

/** Props of RestApiToLambda. */
export interface RestApiToLambdaProps extends SecureRestApiProps {
  /** The function behind the API; it receives every request as a Lambda proxy event. Any IFunction, also imported. */
  readonly handler: lambda.IFunction;
  /**
   * JSON schema (draft 4) every `application/json` request body must match (checked by API Gateway, before the
   * function runs). Applies to every method, GET included, so leave it out when some requests carry no body.
   * @default - bodies are not checked against a model
   */
  readonly requestBodySchema?: apigw.JsonSchema;
  /**
   * Request parameters every request must carry, e.g. `method.request.header.X-Client-Id`.
   * @default - none
   */
  readonly requiredRequestParameters?: string[];
}

const CONSTRUCT = 'RestApiToLambda';

/**
 * A REST API front door in front of a Lambda function (proxy integration: `ANY /` and `ANY /{proxy+}`), with the
 * secure defaults of SecureRestApi. The invoke permission is always created and scoped to this API's execute-api ARN.
 */
export class RestApiToLambda extends Construct {
  public readonly api: SecureRestApi;
  public readonly restApi: apigw.RestApi;
  public readonly handler: lambda.IFunction;
  /** The `{proxy+}` resource under the root. */
  public readonly proxyResource: apigw.Resource;
  /** Lets API Gateway invoke the handler, for any method, path and stage of this API only. */
  public readonly invokePermission: lambda.CfnPermission;

  constructor(scope: Construct, id: string, props: RestApiToLambdaProps) {
    super(scope, id);
    SecureRestApiValidation.validate(this, CONSTRUCT, props);
    const methodOptions = { requestBodySchema: props.requestBodySchema, requiredRequestParameters: props.requiredRequestParameters };
    SecureRestApiValidation.methodOptions(CONSTRUCT, methodOptions);

    this.handler = props.handler;
    this.api = new SecureRestApi(this, 'Api', { ...props, restApiName: props.restApiName ?? id });
    this.restApi = this.api.restApi;

    const integration = new apigw.AwsIntegration({
      proxy: true,
      service: 'lambda',
      path: `2015-03-31/functions/${props.handler.functionArn}/invocations`,
    });
    this.api.addMethod(this.restApi.root, 'ANY', integration, methodOptions);
    this.proxyResource = this.restApi.root.addResource('{proxy+}');
    this.api.addMethod(this.proxyResource, 'ANY', integration, methodOptions);

    this.invokePermission = LambdaInvokePermission.grant(this, 'InvokePermission', props.handler, this.restApi.arnForExecuteApi());
  }
}
