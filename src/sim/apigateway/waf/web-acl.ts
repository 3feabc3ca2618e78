/**
 * AWS WAF in front of a REST API stage (AWS::WAFv2::WebACL + AWS::WAFv2::WebACLAssociation on the stage ARN): rules
 * in priority order, the first terminating action (Allow or Block) decides, Count goes on, else the default action.
 *
 * Evaluated: rate-based statements aggregated per source IP (AggregateKeyType IP): the rule matches a request when
 * the client's requests within the evaluation window (60, 120, 300 or 600 s, default 300) on the virtual clock,
 * this one included, exceed the limit. (AWS WAF checks rates every few seconds, so it blocks a little late; the
 * simulator blocks exactly at the limit.) Not evaluated: managed rule groups and every other statement: each is
 * listed in `sim.unsupported` at load, and a request that would have been evaluated by one records a
 * `waf-rule-not-evaluated` trace event; such a rule never matches here.
 */
import type { TemplateResource } from '../../runtime';

export interface WafRule {
  readonly name: string;
  readonly priority: number;
  readonly action: 'ALLOW' | 'BLOCK' | 'COUNT' | 'NONE';
  readonly rate?: { readonly limit: number; readonly windowMs: number };
  /** Why the rule is not evaluated (a managed rule group or an unsupported statement). */
  readonly notEvaluated?: string;
}

export type WafDecision =
  | { readonly blocked: false; readonly notEvaluated: readonly string[] }
  | { readonly blocked: true; readonly rule: string; readonly notEvaluated: readonly string[] };

export class WebAcl {
  public readonly rules: readonly WafRule[];
  public readonly defaultBlock: boolean;
  public readonly arn: string;
  /** Rule name -> source IP -> times of its requests within the window (at most limit + 1 of them). */
  private readonly counts = new Map<string, Map<string, { times: number[]; head: number }>>();

  constructor(acl: TemplateResource, report: (reason: string) => void) {
    const p = acl.properties;
    this.arn = acl.attributes.Arn;
    this.defaultBlock = p.DefaultAction?.Block !== undefined;
    const rules: WafRule[] = [];
    for (const r of Array.isArray(p.Rules) ? p.Rules : []) {
      const name = String(r.Name);
      const action = r.Action?.Block !== undefined ? 'BLOCK' : r.Action?.Allow !== undefined ? 'ALLOW' : r.Action?.Count !== undefined ? 'COUNT' : 'NONE';
      const st = r.Statement ?? {};
      if (r.Action?.Block?.CustomResponse !== undefined) report(`rule ${name}: the custom block response is not simulated (403 Forbidden is answered)`);
      if (r.Action?.Captcha !== undefined || r.Action?.Challenge !== undefined) report(`rule ${name}: CAPTCHA and Challenge actions are not simulated (the rule never matches)`);
      if (st.RateBasedStatement && String(st.RateBasedStatement.AggregateKeyType ?? 'IP') === 'IP' && st.RateBasedStatement.ScopeDownStatement === undefined) {
        const windowSec = Number(st.RateBasedStatement.EvaluationWindowSec ?? 300);
        const rate = { limit: Number(st.RateBasedStatement.Limit), windowMs: windowSec * 1000 };
        rules.push({ name, priority: Number(r.Priority ?? 0), action, rate });
        continue;
      }
      const managed = st.ManagedRuleGroupStatement;
      const why = managed
        ? `managed rule group ${managed.VendorName}/${managed.Name} is not evaluated (its rules are AWS's); requests pass it`
        : `rule ${name} (${Object.keys(st).join(', ') || 'no statement'}) is not evaluated; requests pass it`;
      report(why);
      rules.push({ name, priority: Number(r.Priority ?? 0), action, notEvaluated: why });
    }
    this.rules = rules.sort((a, b) => a.priority - b.priority);
  }

  public evaluate(sourceIp: string, now: number): WafDecision {
    const notEvaluated: string[] = [];
    for (const rule of this.rules) {
      if (rule.notEvaluated) {
        notEvaluated.push(rule.name);
        continue;
      }
      if (!rule.rate || !this.overRate(rule, sourceIp, now)) continue;
      if (rule.action === 'BLOCK') return { blocked: true, rule: rule.name, notEvaluated };
      if (rule.action === 'ALLOW') return { blocked: false, notEvaluated };
    }
    return this.defaultBlock ? { blocked: true, rule: 'DefaultAction', notEvaluated } : { blocked: false, notEvaluated };
  }

  private overRate(rule: WafRule, ip: string, now: number): boolean {
    const { limit, windowMs } = rule.rate!;
    let byIp = this.counts.get(rule.name);
    if (!byIp) {
      byIp = new Map();
      this.counts.set(rule.name, byIp);
    }
    let w = byIp.get(ip);
    if (!w) {
      w = { times: [], head: 0 };
      byIp.set(ip, w);
    }
    while (w.head < w.times.length && w.times[w.head] <= now - windowMs) w.head++;
    w.times.push(now);
    if (w.times.length - w.head > limit + 1) w.head++;
    if (w.head > 1024) {
      w.times.splice(0, w.head);
      w.head = 0;
    }
    return w.times.length - w.head > limit;
  }
}

/** `arn:aws:apigateway:{region}::/restapis/{apiId}/stages/{stage}` -> the API id and stage name. */
export function stageOfArn(arn: string): { apiId: string; stage: string } | undefined {
  const m = /:apigateway:[^:]*::\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(arn);
  return m ? { apiId: m[1], stage: m[2] } : undefined;
}
