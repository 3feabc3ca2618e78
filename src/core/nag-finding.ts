import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Builds the ids of granular cdk-nag findings (`RuleId[Resource::...]`, `RuleId[Policy::...]`), which must be
 * acknowledged by their full id, so an acknowledgement covers exactly one resource or policy and nothing else.
 * Tokens are resolved and flattened the way cdk-nag flattens them: `{ Ref: X }` -> `<X>`,
 * `Fn::GetAtt [X, Y]` -> `<X.Y>`, Fn::Join concatenated, `${X}` in strings (Fn::Sub) -> `<X>`.
 */
export class NagFinding {
  /**
   * The finding id of a wildcard resource ARN as it appears in the synthesized policy,
   * e.g. `AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`.
   * @param ruleId the rule reporting it, usually `AwsSolutions-IAM5`
   */
  public static wildcardResource(scope: IConstruct, ruleId: string, arn: string): string {
    return `${ruleId}[Resource::${NagFinding.flatten(Stack.of(scope).resolve(arn))}]`;
  }

  /**
   * The finding id of an AWS managed policy attached to a role,
   * e.g. `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`.
   * @param policyName the policy's name after `policy/`, with its path (`service-role/...`)
   */
  public static awsManagedPolicy(ruleId: string, policyName: string): string {
    return `${ruleId}[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
  }

  private static flatten(value: any): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
    if (value['Fn::Join']) {
      const [delimiter, parts] = value['Fn::Join'];
      return (parts as unknown[]).map(part => NagFinding.flatten(part)).join(delimiter);
    }
    if (value['Fn::Sub']) return NagFinding.flatten(value['Fn::Sub']);
    if (value['Fn::GetAtt']) {
      const [resource, attribute] = value['Fn::GetAtt'];
      return `<${NagFinding.flatten(resource)}.${NagFinding.flatten(attribute)}>`;
    }
    if (value['Fn::ImportValue']) return NagFinding.flatten(value['Fn::ImportValue']);
    if (value.Ref) return `<${NagFinding.flatten(value.Ref)}>`;
    return JSON.stringify(value);
  }

  private constructor() {}
}
