import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Builds the ids of granular cdk-nag findings (`RuleId[Resource::...]`), which must be acknowledged by their full id.
 * cdk-nag flattens intrinsic functions the same way: `{ Ref: X }` -> `<X>`, `Fn::GetAtt [X, Y]` -> `<X.Y>`, joins
 * concatenated.
 */
export class NagFinding {
  /** The IAM5 finding id of a wildcard resource ARN as it appears in the synthesized policy. */
  public static wildcardResource(scope: IConstruct, ruleId: string, arn: string): string {
    return `${ruleId}[Resource::${NagFinding.flatten(Stack.of(scope).resolve(arn))}]`;
  }

  /** The IAM4 finding id of an AWS managed policy. */
  public static awsManagedPolicy(ruleId: string, policyName: string): string {
    return `${ruleId}[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
  }

  private static flatten(value: any): string {
    if (value === undefined) return '';
    if (typeof value === 'string') return value.replace(/\${/g, '<').replace(/}/g, '>');
    if (value['Fn::Join']) {
      const [delimiter, parts] = value['Fn::Join'];
      return parts.map((part: any) => NagFinding.flatten(part)).join(delimiter);
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
