import { SimContext, SimService, TemplateResource } from '../runtime';
import { IamIdentity, IdentityLookup, IdentityStore } from './identity-store';

/** IAM resources are loaded for their identity-based policies; no IAM API is simulated. */
export const IAM_RESOURCE_TYPES = [
  'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
] as const;

/**
 * The template's IAM principals and their identity-based policies, which `ctx.iam` consults for every call an AWS
 * principal makes (the evaluator finds this service as `ctx.services.iam`).
 */
export class IamService implements SimService, IdentityLookup {
  public readonly resourceTypes = IAM_RESOURCE_TYPES;
  private readonly store: IdentityStore;

  constructor(ctx: SimContext) {
    this.store = new IdentityStore(ctx);
  }

  public create(resource: TemplateResource): void {
    this.store.add(resource);
  }

  public link(): void {
    this.store.link();
  }

  public identity(principalArn: string): IamIdentity | undefined {
    return this.store.identity(principalArn);
  }
}
