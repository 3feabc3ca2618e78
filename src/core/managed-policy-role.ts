import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A role whose grants land in one customer managed policy instead of an inline default policy: NIST 800-53,
 * HIPAA and PCI DSS (IAMNoInlinePolicy) ask for managed policies, and aws-cdk-lib's grants otherwise write inline
 * ones. Everything else behaves as `iam.Role`.
 */
export class ManagedPolicyRole extends iam.Role {
  /** The managed policy that collects this role's grants. */
  public readonly grantsPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
    this.grantsPolicy = new iam.ManagedPolicy(this, 'GrantsPolicy', { roles: [this] });
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.grantsPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.grantsPolicy };
  }
}
