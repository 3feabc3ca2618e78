import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The finding id cdk-nag gives a wildcard resource in an IAM policy (`AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`),
 * computed from the same token the policy uses, so an acknowledgement names exactly that resource and no other.
 * cdk-nag flattens Fn::Join by concatenation, Fn::GetAtt to `<LogicalId.Attribute>` and Ref to `<LogicalId>`.
 */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`;
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const value = node as Record<string, any>;
  if (value['Fn::Join']) {
    const [delimiter, items] = value['Fn::Join'];
    return (items as unknown[]).map(flatten).join(delimiter);
  }
  if (value['Fn::Sub']) return flatten(value['Fn::Sub']);
  if (value['Fn::GetAtt']) {
    const [resource, attribute] = value['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (value['Fn::ImportValue']) return flatten(value['Fn::ImportValue']);
  if (value.Ref) return `<${flatten(value.Ref)}>`;
  return JSON.stringify(node);
}
