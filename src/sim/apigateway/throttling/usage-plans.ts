/**
 * API keys and usage plans (AWS::ApiGateway::ApiKey, ::UsagePlan, ::UsagePlanKey). A method that requires an API key
 * admits a request only with the value of an enabled key that is in a usage plan bound to the API stage; the plan's
 * throttle (per method, then the plan's own) and quota apply to each key separately. The key value is the template's
 * `Value`, or one API Gateway generates (40 letters and digits, seeded here so runs repeat); read it from
 * `sim.api(ref).apiKey(...)`.
 */
import { QuotaConfig, QuotaCounter, QuotaPeriod } from './quota';
import { TokenBucket } from './token-bucket';
import { TemplateLoadError } from '../../kernel';
import { SeededIds } from '../../kernel/ids';
import { TemplateResource } from '../../runtime';
import { optionalBoolean, optionalInteger, optionalNumber, optionalString } from '../../template/properties';
import type { ThrottleConfig } from '../model/rest-model';

export interface ApiKeyRecord {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  readonly value: string;
  readonly enabled: boolean;
  readonly customerId?: string;
}

interface PlanStage {
  readonly apiId: string;
  readonly stage: string;
  /** `/path/METHOD` -> throttle. */
  readonly methodThrottles: ReadonlyMap<string, ThrottleConfig>;
}

export interface UsagePlanRecord {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  readonly throttle?: ThrottleConfig;
  readonly quota?: QuotaConfig;
  readonly stages: readonly PlanStage[];
  readonly keyIds: Set<string>;
}

/** Per key and plan: the plan's buckets and quota counter. */
interface KeyUsage {
  readonly planBucket?: TokenBucket;
  readonly methodBuckets: Map<string, TokenBucket>;
  readonly quota?: QuotaCounter;
}

export type KeyCheck =
  | { readonly ok: true; readonly key: ApiKeyRecord; readonly plan: UsagePlanRecord; readonly buckets: TokenBucket[]; readonly quota?: QuotaCounter }
  | { readonly ok: false; readonly reason: string };

export class UsagePlans {
  public readonly keys = new Map<string, ApiKeyRecord>();
  public readonly plans = new Map<string, UsagePlanRecord>();
  private readonly byValue = new Map<string, ApiKeyRecord>();
  private readonly usage = new Map<string, KeyUsage>();
  private readonly planKeys: TemplateResource[] = [];

  constructor(private readonly ids: SeededIds, private readonly createdAt: number) {}

  public addKey(r: TemplateResource): void {
    const p = r.properties;
    const given = optionalString(r.logicalId, 'Value', p.Value);
    if (given !== undefined && given.length < 20) {
      throw new TemplateLoadError(r.logicalId, 'BadRequestException', 'API Key value should be at least 20 characters');
    }
    const value = given ?? this.generatedValue();
    const key: ApiKeyRecord = {
      id: r.ref,
      logicalId: r.logicalId,
      name: String(p.Name ?? r.logicalId),
      value,
      // CloudFormation's default for Enabled is false.
      enabled: optionalBoolean(r.logicalId, 'Enabled', p.Enabled) ?? false,
      customerId: optionalString(r.logicalId, 'CustomerId', p.CustomerId),
    };
    if (this.byValue.has(value)) throw new TemplateLoadError(r.logicalId, 'ConflictException', 'API Key already exists');
    this.keys.set(key.id, key);
    this.byValue.set(value, key);
  }

  public addPlan(r: TemplateResource): void {
    const p = r.properties;
    const throttleOf = (t: Record<string, unknown> | undefined, where: string): ThrottleConfig | undefined => {
      if (!t) return undefined;
      const rate = optionalNumber(r.logicalId, `${where}/RateLimit`, t.RateLimit);
      const burst = optionalInteger(r.logicalId, `${where}/BurstLimit`, t.BurstLimit, 0, Number.MAX_SAFE_INTEGER);
      return rate === undefined && burst === undefined ? undefined : { rateLimit: rate ?? 10_000, burstLimit: burst ?? 5_000 };
    };
    const q = p.Quota;
    let quota: QuotaConfig | undefined;
    if (q && q.Limit !== undefined) {
      const period = String(q.Period ?? '').toUpperCase() as QuotaPeriod;
      if (!['DAY', 'WEEK', 'MONTH'].includes(period)) throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid quota period ${period}: DAY, WEEK or MONTH`);
      const limit = optionalInteger(r.logicalId, 'Quota/Limit', q.Limit, 0, Number.MAX_SAFE_INTEGER)!;
      const offset = optionalInteger(r.logicalId, 'Quota/Offset', q.Offset, 0, Number.MAX_SAFE_INTEGER) ?? 0;
      if (offset >= Math.max(1, limit)) throw new TemplateLoadError(r.logicalId, 'BadRequestException', 'Quota offset must be less than the limit');
      quota = { limit, period, offset };
    }
    const stages: PlanStage[] = (Array.isArray(p.ApiStages) ? p.ApiStages : []).map((s: Record<string, any>, i: number) => {
      const methodThrottles = new Map<string, ThrottleConfig>();
      for (const [key, t] of Object.entries<Record<string, unknown>>(s.Throttle ?? {})) {
        const throttle = throttleOf(t, `ApiStages/${i}/Throttle/${key}`);
        if (throttle) methodThrottles.set(key, throttle);
      }
      return { apiId: String(s.ApiId), stage: String(s.Stage), methodThrottles };
    });
    this.plans.set(r.ref, {
      id: r.ref,
      logicalId: r.logicalId,
      name: String(p.UsagePlanName ?? r.logicalId),
      throttle: throttleOf(p.Throttle, 'Throttle'),
      quota,
      stages,
      keyIds: new Set(),
    });
  }

  public addPlanKey(r: TemplateResource): void {
    this.planKeys.push(r);
  }

  /** Binds keys to plans once every key and plan exists. */
  public link(): void {
    for (const r of this.planKeys) {
      const plan = this.plans.get(String(r.properties.UsagePlanId));
      const key = this.keys.get(String(r.properties.KeyId));
      if (!plan || !key) throw new TemplateLoadError(r.logicalId, 'NotFoundException', `Invalid ${plan ? 'API Key' : 'Usage Plan'} identifier specified`);
      plan.keyIds.add(key.id);
    }
  }

  public keyByValue(value: string): ApiKeyRecord | undefined {
    return this.byValue.get(value);
  }

  /**
   * The plan buckets and quota that apply to a request with `value` on `apiId`/`stage`, for the method
   * `resourcePath` + `httpMethod`; or why the key is refused.
   */
  public check(value: string | undefined, apiId: string, stage: string, resourcePath: string, httpMethod: string, now: number): KeyCheck {
    if (value === undefined || value === '') return { ok: false, reason: 'no API key in the request' };
    const key = this.byValue.get(value);
    if (!key) return { ok: false, reason: 'the API key is not valid' };
    if (!key.enabled) return { ok: false, reason: `API key ${key.id} is disabled` };
    for (const plan of this.plans.values()) {
      if (!plan.keyIds.has(key.id)) continue;
      const bound = plan.stages.find(s => s.apiId === apiId && s.stage === stage);
      if (!bound) continue;
      const usage = this.usageOf(plan, key, now);
      const buckets: TokenBucket[] = [];
      const methodKey = `${resourcePath}/${httpMethod}`;
      const methodThrottle = bound.methodThrottles.get(methodKey);
      if (methodThrottle) {
        let b = usage.methodBuckets.get(methodKey);
        if (!b) {
          b = new TokenBucket(methodThrottle.rateLimit, methodThrottle.burstLimit, now);
          usage.methodBuckets.set(methodKey, b);
        }
        buckets.push(b);
      }
      if (usage.planBucket) buckets.push(usage.planBucket);
      return { ok: true, key, plan, buckets, quota: usage.quota };
    }
    return { ok: false, reason: `API key ${key.id} is in no usage plan of stage ${stage}` };
  }

  private usageOf(plan: UsagePlanRecord, key: ApiKeyRecord, now: number): KeyUsage {
    const id = `${plan.id}/${key.id}`;
    let u = this.usage.get(id);
    if (!u) {
      u = {
        planBucket: plan.throttle ? new TokenBucket(plan.throttle.rateLimit, plan.throttle.burstLimit, now) : undefined,
        methodBuckets: new Map(),
        quota: plan.quota ? new QuotaCounter(plan.quota, this.createdAt) : undefined,
      };
      this.usage.set(id, u);
    }
    return u;
  }

  private generatedValue(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < 40; i++) out += alphabet[this.ids.next() % alphabet.length];
    return out;
  }
}
