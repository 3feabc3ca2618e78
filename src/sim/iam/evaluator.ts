import { CallerIdentity, PolicyDecision, PolicyDocumentLike, PolicyEvaluator } from '../runtime';

/** Resource-policy evaluation (being built by sim-core). */
export class ResourcePolicyEvaluator implements PolicyEvaluator {
  constructor(private readonly account: string) {}

  public evaluate(_policies: readonly PolicyDocumentLike[], _request: { action: string; resource: string; caller: CallerIdentity }): PolicyDecision {
    throw new Error(`ResourcePolicyEvaluator (${this.account}): not implemented yet (sim-core is building src/sim/iam)`);
  }

  public isAllowed(policies: readonly PolicyDocumentLike[], request: { action: string; resource: string; caller: CallerIdentity }): boolean {
    return this.evaluate(policies, request) === 'Allow';
  }
}
