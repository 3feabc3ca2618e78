import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * The resource-based permission that lets API Gateway invoke a function, scoped to one API's execute-api ARN.
 *
 * Created as a CfnPermission in the API's construct rather than through `IFunction.addPermission`, because
 * addPermission silently does nothing for an imported function whose environment is unclear (the console adds
 * this permission for you; infrastructure as code must always add it). Living beside the API also keeps a function
 * from another stack free of a reference back to the API (no cross-stack cycle).
 */
export class LambdaInvokePermission {
  /** One permission per function and API. */
  public static grant(scope: Construct, id: string, handler: lambda.IFunction, executeApiArn: string): lambda.CfnPermission {
    return new lambda.CfnPermission(scope, id, {
      action: 'lambda:InvokeFunction',
      functionName: handler.functionArn,
      principal: 'apigateway.amazonaws.com',
      sourceArn: executeApiArn,
    });
  }

  private constructor() {}
}
