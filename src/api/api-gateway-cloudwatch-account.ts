import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRules, NagFinding } from '../core';

const PUSH_TO_LOGS_POLICY = 'service-role/AmazonAPIGatewayPushToCloudWatchLogs';

/**
 * The account-level role API Gateway needs before any stage may turn on execution logging (REST and WebSocket):
 * without it, creating the stage fails with "CloudWatch Logs role ARN must be set in account settings".
 *
 * It is one setting per account and region, so this construct is a singleton per stack, and it is retained on
 * stack deletion (like aws-cdk-lib's `cloudWatchRole`) so deleting one API does not break logging for the others.
 * We create it ourselves rather than through `RestApi.cloudWatchRole`, whose default flips with the
 * `@aws-cdk/aws-apigateway:disableCloudWatchRole` flag: the behaviour must not depend on the app's feature flags.
 */
export class ApiGatewayCloudWatchAccount extends Construct {
  /**
   * The stack's singleton, created on first use.
   * @param api the API's CloudFormation resource (not the L2, whose children include the stage); CloudFormation documents that the account setting must depend on an
   * API Gateway resource (in an account that never used API Gateway), so the first caller's API is made a dependency.
   */
  public static of(scope: IConstruct, api: IConstruct): ApiGatewayCloudWatchAccount {
    const stack = Stack.of(scope);
    const id = 'ApiGatewayCloudWatchAccount';
    const existing = stack.node.tryFindChild(id) as ApiGatewayCloudWatchAccount | undefined;
    if (existing) return existing;
    const created = new ApiGatewayCloudWatchAccount(stack, id);
    created.account.node.addDependency(api);
    return created;
  }

  public readonly role: iam.Role;
  public readonly account: apigw.CfnAccount;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write execution and access logs to CloudWatch Logs (account-wide setting)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(PUSH_TO_LOGS_POLICY)],
    });
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.account = new apigw.CfnAccount(this, 'Account', { cloudWatchRoleArn: this.role.roleArn });
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeRules(this.role, [{
      id: NagFinding.awsManagedPolicy('AwsSolutions-IAM4', PUSH_TO_LOGS_POLICY),
      reason: 'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the account-wide API Gateway logging role; '
        + 'the role serves every API in the account and region, so it cannot be scoped to one API\'s log groups',
    }]);
  }
}
