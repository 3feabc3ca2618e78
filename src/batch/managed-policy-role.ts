import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * An IAM role whose grants land in one customer managed policy attached to it instead of an inline policy
 * (NIST 800-53, HIPAA and PCI DSS packs reject inline policies: a managed policy is versioned, reusable and
 * reviewable on its own). Everything aws-cdk-lib grants through `addToPrincipalPolicy` goes there.
 *
 * The policy is a child of the role, so a resource that depends on the role (a Lambda function, a job definition)
 * also waits for its permissions.
 */
export class ManagedPolicyRole extends iam.Role {
  private managedPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (!this.managedPolicy) {
      this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', {
        description: `Permissions of ${this.node.path}`,
        roles: [this],
      });
    }
    this.managedPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.managedPolicy };
  }
}
