import { parseArn } from '../kernel/arn';
import { NamedPolicy, PolicyDocumentLike, SimContext, TemplateResource } from '../runtime';
import { awsManagedPolicy, isAwsManagedPolicyArn } from './aws-managed-policies';

/** The identity-based policies of an IAM role or user the template declares. */
export interface IamIdentity {
  readonly kind: 'role' | 'user';
  readonly arn: string;
  readonly name: string;
  readonly logicalId: string;
  /** Inline policies, attached customer managed and AWS managed policies, and (users) their groups' policies. */
  readonly policies: readonly NamedPolicy[];
  /** The permissions boundary; undefined without one. A boundary that cannot be read grants nothing. */
  readonly boundary?: NamedPolicy;
}

/** Finds the identity-based policies of a principal. */
export interface IdentityLookup {
  /** The role or user `principalArn` names (a role ARN, an `assumed-role` session ARN, a user ARN), if declared. */
  identity(principalArn: string): IamIdentity | undefined;
}

interface Building {
  kind: 'role' | 'user' | 'group';
  arn: string;
  name: string;
  logicalId: string;
  policies: NamedPolicy[];
  boundaryArn?: string;
  groups: string[];
  managedArns: string[];
}

const EMPTY: PolicyDocumentLike = { Statement: [] };

/**
 * Collects the template's roles, users, groups and their policies (inline `Policies`, `AWS::IAM::Policy` /
 * `ManagedPolicy` attached by `Roles` / `Users` / `Groups`, `ManagedPolicyArns`, `PermissionsBoundary`,
 * `AWS::IAM::RolePolicy` and friends) into each principal's policy set, resolved once when loading ends.
 */
export class IdentityStore implements IdentityLookup {
  private readonly byArn = new Map<string, IamIdentity>();
  private readonly roleByName = new Map<string, IamIdentity>();
  private readonly building = new Map<string, Building>();
  /** Customer managed policies by ARN. */
  private readonly managed = new Map<string, NamedPolicy>();
  /** Policies attached by name: [policy, kind, entity name]. */
  private readonly attachments: Array<[NamedPolicy, 'role' | 'user' | 'group', string]> = [];

  constructor(private readonly ctx: SimContext) {}

  public identity(principalArn: string): IamIdentity | undefined {
    const hit = this.byArn.get(principalArn);
    if (hit) return hit;
    // A role session (`arn:aws:sts::<account>:assumed-role/<role name>/<session>`) has its role's permissions.
    const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principalArn);
    if (session && session[1] === this.ctx.env.account) return this.roleByName.get(session[2]);
    return undefined;
  }

  public add(r: TemplateResource): void {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group': {
        const kind = r.type === 'AWS::IAM::Role' ? 'role' : r.type === 'AWS::IAM::User' ? 'user' : 'group';
        const arn = String(r.attributes.Arn ?? r.ref);
        const b: Building = {
          kind,
          arn,
          name: r.ref,
          logicalId: r.logicalId,
          policies: [],
          groups: strings(p.Groups),
          managedArns: strings(p.ManagedPolicyArns),
          boundaryArn: typeof p.PermissionsBoundary === 'string' ? p.PermissionsBoundary : undefined,
        };
        for (const inline of Array.isArray(p.Policies) ? p.Policies : []) {
          b.policies.push({ name: `${r.logicalId}/${inline?.PolicyName ?? 'inline'}`, document: document(inline?.PolicyDocument) });
        }
        this.building.set(`${kind}:${r.ref}`, b);
        return;
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const policy: NamedPolicy = { name: r.logicalId, document: document(p.PolicyDocument) };
        if (r.type === 'AWS::IAM::ManagedPolicy') this.managed.set(r.ref, policy);
        for (const role of strings(p.Roles)) this.attachments.push([policy, 'role', role]);
        for (const user of strings(p.Users)) this.attachments.push([policy, 'user', user]);
        for (const group of strings(p.Groups)) this.attachments.push([policy, 'group', group]);
        return;
      }
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const kind = r.type === 'AWS::IAM::RolePolicy' ? 'role' : r.type === 'AWS::IAM::UserPolicy' ? 'user' : 'group';
        const entity = String(p.RoleName ?? p.UserName ?? p.GroupName);
        this.attachments.push([{ name: `${r.logicalId}/${p.PolicyName ?? 'inline'}`, document: document(p.PolicyDocument) }, kind, entity]);
        return;
      }
      default:
    }
  }

  /** Resolves attachments once every IAM resource is known. */
  public link(): void {
    for (const [policy, kind, name] of this.attachments) this.building.get(`${kind}:${name}`)?.policies.push(policy);
    for (const b of this.building.values()) {
      for (const arn of b.managedArns) {
        const policy = this.managedPolicy(arn, b);
        if (policy) b.policies.push(policy);
      }
    }
    for (const b of this.building.values()) {
      if (b.kind === 'group') continue;
      const policies = [...b.policies];
      for (const g of b.groups) policies.push(...this.building.get(`group:${g}`)?.policies ?? []);
      const boundary = b.boundaryArn === undefined ? undefined : this.managedPolicy(b.boundaryArn, b) ?? { name: b.boundaryArn, document: EMPTY };
      const identity: IamIdentity = { kind: b.kind, arn: b.arn, name: b.name, logicalId: b.logicalId, policies, boundary };
      this.byArn.set(b.arn, identity);
      if (b.kind === 'role') this.roleByName.set(b.name, identity);
    }
  }

  private managedPolicy(arn: string, holder: Building): NamedPolicy | undefined {
    const own = this.managed.get(arn);
    if (own) return own;
    const type = holder.kind === 'role' ? 'AWS::IAM::Role' : holder.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Group';
    if (isAwsManagedPolicyArn(arn)) {
      const doc = awsManagedPolicy(arn);
      if (doc) return { name: arn, document: doc };
      this.ctx.reportUnsupported(holder.logicalId, type, `the AWS managed policy ${arn} is not in the simulator's table: it grants nothing here`);
      return undefined;
    }
    const account = parseArn(arn)?.account;
    this.ctx.reportUnsupported(holder.logicalId, type, `the managed policy ${arn}${account ? ` (account ${account})` : ''} is not in the template: it grants nothing here`);
    return undefined;
  }
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(x => typeof x === 'string') as string[];
}

function document(v: unknown): PolicyDocumentLike {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as PolicyDocumentLike;
    } catch {
      return EMPTY;
    }
  }
  return v && typeof v === 'object' ? v as PolicyDocumentLike : EMPTY;
}
