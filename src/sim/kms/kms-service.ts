/**
 * AWS KMS keys from the template (AWS::KMS::Key with its KeyPolicy, AWS::KMS::Alias) and the AWS managed keys
 * (`alias/aws/sqs`, `alias/aws/sns`), for the key-use checks of SSE-KMS queues and topics. No cryptography: what is
 * simulated is who may use a key. No KMS API is offered.
 */
import { authorize } from '../iam/authorize';
import type { TraceService } from '../kernel/trace';
import { AccessDecision, CallerIdentity, NamedPolicy, PolicyDocumentLike, SimContext, SimService, TemplateResource } from '../runtime';
import { awsManagedKeyPolicy } from './managed-keys';

/** A key as the checks need it. */
interface SimKey {
  readonly logicalId: string;
  readonly arn: string;
  readonly keyId: string;
  readonly enabled: boolean;
  /** The key policy, as the evaluator takes it (one list object per key, so decisions are cached). */
  readonly policies: readonly NamedPolicy[];
}

/** What a key use came to: allowed, or the error the service using the key reports (its own error names). */
export type KeyUseOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'denied' | 'disabled' | 'not-found'; readonly message: string };

/** The key checks other services make (SQS and SNS server-side encryption). */
export interface KmsAccess {
  /**
   * Whether `caller` may use the key `keyRef` (key id, key ARN, alias name or alias ARN) for each of `actions`
   * (`kms:GenerateDataKey`, `kms:Decrypt`), through `viaService` (kms:ViaService). A denial is recorded on the key.
   */
  useKey(keyRef: string, actions: readonly string[], caller: CallerIdentity, viaService: string,
    user: { service: TraceService; logicalId: string }): KeyUseOutcome;
}

export class KmsService implements SimService, KmsAccess {
  public readonly resourceTypes = ['AWS::KMS::Key', 'AWS::KMS::Alias'];
  private readonly keys = new Map<string, SimKey>();
  private readonly aliases = new Map<string, string>();
  private readonly pendingAliases: TemplateResource[] = [];
  private readonly managed = new Map<string, SimKey>();
  /** Callers with kms:ViaService set, one object per caller and service (decisions are cached per caller object). */
  private readonly via = new WeakMap<CallerIdentity, Map<string, CallerIdentity>>();
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: SimContext) {}

  public create(resource: TemplateResource): void {
    if (resource.type === 'AWS::KMS::Alias') {
      this.pendingAliases.push(resource);
      return;
    }
    const p = resource.properties;
    const keyId = String(resource.attributes.KeyId ?? resource.ref);
    const arn = String(resource.attributes.Arn);
    const policy = (typeof p.KeyPolicy === 'string' ? JSON.parse(p.KeyPolicy) : p.KeyPolicy) as PolicyDocumentLike | undefined;
    const key: SimKey = {
      logicalId: resource.logicalId,
      arn,
      keyId,
      // CloudFormation gives a key without KeyPolicy the default key policy: the account root, which delegates to IAM.
      policies: [{ name: `${resource.logicalId} key policy`, document: policy ?? defaultKeyPolicy(this.ctx.env.partition, this.ctx.env.account) }],
      enabled: p.Enabled !== false && p.Enabled !== 'false',
    };
    this.keys.set(keyId, key);
    this.keys.set(arn, key);
    if (p.KeySpec !== undefined && p.KeySpec !== 'SYMMETRIC_DEFAULT') {
      this.ctx.reportUnsupported(resource.logicalId, resource.type, `KeySpec ${p.KeySpec}: only symmetric encryption keys are used by the simulated services`);
    }
  }

  public link(): void {
    for (const a of this.pendingAliases) {
      const target = String(a.properties.TargetKeyId);
      const key = this.keys.get(target);
      if (key) this.aliases.set(String(a.properties.AliasName), key.keyId);
    }
  }

  public useKey(keyRef: string, actions: readonly string[], caller: CallerIdentity, viaService: string,
    user: { service: TraceService; logicalId: string }): KeyUseOutcome {
    const key = this.resolve(keyRef);
    if (key === undefined) {
      // A key from outside the template (an imported key ARN): its policy is unknown, so its use is not checked.
      if (!this.reported.has(keyRef)) {
        this.reported.add(keyRef);
        this.ctx.reportUnsupported(user.logicalId, 'AWS::KMS::Key', `the KMS key ${keyRef} is not in the template: its key policy is unknown and not checked`);
      }
      return { ok: true };
    }
    if (!key.enabled) return { ok: false, reason: 'disabled', message: `${key.arn} is disabled.` };
    const through = this.viaCaller(caller, viaService);
    for (const action of actions) {
      const decision: AccessDecision = authorize(this.ctx, {
        action,
        resource: key.arn,
        caller: through,
        resourcePolicies: key.policies,
        resourcePolicyRequired: true,
        service: 'kms',
        logicalId: key.logicalId,
      });
      if (!decision.allowed) return { ok: false, reason: 'denied', message: decision.message ?? `not authorized to perform: ${action}` };
    }
    return { ok: true };
  }

  private resolve(ref: string): SimKey | undefined {
    const direct = this.keys.get(ref);
    if (direct) return direct;
    const aliasName = ref.startsWith('arn:') ? /:(alias\/.+)$/.exec(ref)?.[1] : ref.startsWith('alias/') ? ref : undefined;
    if (aliasName === undefined) return undefined;
    const target = this.aliases.get(aliasName);
    if (target) return this.keys.get(target);
    const service = /^alias\/aws\/([a-z0-9-]+)$/.exec(aliasName)?.[1];
    return service ? this.managedKey(service) : undefined;
  }

  /** An AWS managed key (`alias/aws/<service>`): created by AWS on first use, with the policy AWS gives it. */
  private managedKey(service: string): SimKey {
    let key = this.managed.get(service);
    if (!key) {
      const { partition, region, account } = this.ctx.env;
      const keyId = `aws-managed-${service}`;
      key = {
        logicalId: `alias/aws/${service}`,
        keyId,
        arn: `arn:${partition}:kms:${region}:${account}:key/${keyId}`,
        policies: [{ name: `alias/aws/${service} key policy`, document: awsManagedKeyPolicy(service, this.ctx.env) }],
        enabled: true,
      };
      this.managed.set(service, key);
    }
    return key;
  }

  private viaCaller(caller: CallerIdentity, viaService: string): CallerIdentity {
    let byService = this.via.get(caller);
    if (!byService) {
      byService = new Map();
      this.via.set(caller, byService);
    }
    let derived = byService.get(viaService);
    if (!derived) {
      derived = { ...caller, viaService };
      byService.set(viaService, derived);
    }
    return derived;
  }
}

/** The default key policy ("Default key policy" in the AWS KMS Developer Guide): the account may use IAM policies. */
function defaultKeyPolicy(partition: string, account: string): PolicyDocumentLike {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}
