import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * An IAM role whose grants land in one customer managed policy attached to it instead of an inline default policy:
 * the NIST 800-53, HIPAA and PCI DSS packs (IAMNoInlinePolicy) ask for managed policies, which are versioned,
 * reusable and reviewable on their own, while aws-cdk-lib's grants otherwise write inline ones. Everything
 * aws-cdk-lib grants through `addToPrincipalPolicy` goes there; everything else behaves as `iam.Role`.
 *
 * The policy is created with the first statement (IAM rejects an empty managed policy) and is a child of the role,
 * so a resource that depends on the role (a Lambda function, a job definition) also waits for its permissions.
 */
export class ManagedPolicyRole extends iam.Role {
  private policy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  /** The managed policy that collects this role's grants (created on first use). */
  public get grantsPolicy(): iam.ManagedPolicy {
    if (!this.policy) {
      this.policy = new iam.ManagedPolicy(this, 'GrantsPolicy', {
        description: `Permissions of ${this.node.path}`,
        roles: [this],
      });
    }
    return this.policy;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    const policy = this.grantsPolicy;
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }
}
