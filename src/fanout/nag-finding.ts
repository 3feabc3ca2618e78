import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The id cdk-nag gives one wildcard resource of an IAM policy, e.g. `AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`,
 * computed from the token the policy uses, so an acknowledgement covers exactly that resource and nothing else.
 * cdk-nag renders Fn::Join by concatenation, Fn::GetAtt as `<LogicalId.Attribute>` and Ref as `<LogicalId>`.
 */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${render(Stack.of(scope).resolve(arn))}]`;
}

function render(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  const value = node as Record<string, any>;
  if (value['Fn::Join']) {
    const [delimiter, parts] = value['Fn::Join'];
    return (parts as unknown[]).map(render).join(delimiter);
  }
  if (value['Fn::GetAtt']) {
    const [resource, attribute] = value['Fn::GetAtt'];
    return `<${render(resource)}.${render(attribute)}>`;
  }
  if (value.Ref) return `<${render(value.Ref)}>`;
  return JSON.stringify(node);
}
