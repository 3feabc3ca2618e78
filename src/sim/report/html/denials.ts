/**
 * Every denial with the statement that decided it. When the service recorded the statement, that is it; otherwise
 * the resource policies the template attaches to the resource (queue policies, topic policies, bucket policies,
 * Lambda permissions) are evaluated again for the denied request, statement by statement, with the simulator's own
 * IAM evaluator: an explicit Deny that applies decided it; with none, the request was implicitly denied because no
 * statement allows it, and the statements about the action show what would have to match.
 */
import { compileStatement, requestContext } from '../../iam';
import { statementsOf } from '../../iam/policy-shape';
import { permissionStatement } from '../../lambda/permission';
import type { CallerIdentity, SimEnvironment, TemplateResource } from '../../runtime';
import { displayPath } from '../diagram/builder';
import { ResourceIndex } from '../diagram/resource-index';
import type { SequenceEvent } from '../sequence/build';

export interface DenialStatement {
  /** The policy's logical id. */
  readonly policy: string;
  /** Its Sid, or its position (`#2`). */
  readonly sid: string;
  readonly effect: string;
  /** Whether it applies to the denied request (principal, action, resource and conditions all match). */
  readonly applies: boolean;
  readonly json: string;
}

export interface Denial {
  readonly time: number;
  readonly resource: string;
  readonly resourceLabel: string;
  readonly action: string;
  readonly principal: string;
  readonly sourceArn?: string;
  readonly decision: 'explicit' | 'implicit';
  /** One sentence: which statement decided, or why none allowed. */
  readonly explanation: string;
  /** The statements about the action, for the reader to compare. */
  readonly statements: readonly DenialStatement[];
}

interface DeniedDetail {
  readonly action?: string;
  readonly principal?: string;
  readonly sourceArn?: string;
  readonly resource?: string;
  readonly statement?: string;
  readonly decision?: 'explicit' | 'implicit';
  readonly reason?: string;
}

export function explainDenials(events: readonly SequenceEvent[], resources: ReadonlyMap<string, TemplateResource>, env: SimEnvironment): Denial[] {
  const index = new ResourceIndex(resources);
  return events.filter(e => e.type === 'denied').map(e => {
    const d = (e.detail ?? {}) as DeniedDetail;
    const r = resources.get(e.resource);
    const action = d.action ?? '?';
    const principal = d.principal ?? 'unknown principal';
    const base = { time: e.time, resource: e.resource, resourceLabel: displayPath(r?.path) ?? e.resource, action, principal, sourceArn: d.sourceArn };
    const resource = d.resource ?? r?.attributes.Arn ?? r?.ref ?? '';
    const statements = r ? evaluate(policiesOf(r, index, env), action, resource, caller(principal, d.sourceArn, env)) : [];
    const about = statements.filter(s => mentions(s.json, action));
    const deny = statements.find(s => s.applies && s.effect === 'Deny');
    if (deny) {
      const explanation = `Explicitly denied by statement ${deny.sid} of ${deny.policy}.`;
      return { ...base, decision: 'explicit', explanation, statements: [deny, ...about.filter(s => s !== deny)] };
    }
    // The evaluator's own record: an identity-based policy, a permissions boundary or a key policy decided.
    if (d.decision === 'explicit' && d.statement) {
      return { ...base, decision: 'explicit', explanation: `Explicitly denied by statement ${d.statement}.`, statements: about };
    }
    if (d.decision === 'implicit' && d.reason && !d.reason.includes('no resource-based policy')) {
      const because = d.reason.includes(' because ') ? d.reason.slice(d.reason.indexOf(' because ') + ' because '.length) : d.reason;
      return { ...base, decision: 'implicit', explanation: `Implicit deny: ${because}.`, statements: about };
    }
    if (d.statement && d.decision === undefined) {
      return { ...base, decision: 'explicit', explanation: `Denied by statement ${d.statement}${d.reason ? ` (${d.reason})` : ''}.`, statements: about };
    }
    const who = `${principal}${d.sourceArn ? ` (source ${d.sourceArn})` : ''}`;
    const explanation = statements.length === 0
      ? `Implicit deny: the resource has no resource policy, and ${who} is not the owning account.`
      : `Implicit deny: no statement of ${[...new Set(statements.map(s => s.policy))].join(', ')} allows ${action} for ${who}.`;
    return { ...base, decision: 'implicit', explanation, statements: about };
  });
}

/** The resource policies the template attaches to a resource, as (policy logical id, document) pairs. */
function policiesOf(r: TemplateResource, index: ResourceIndex, env: SimEnvironment): Array<{ policy: string; statements: unknown[] }> {
  const out: Array<{ policy: string; statements: unknown[] }> = [];
  for (const p of index.resources.values()) {
    const props = p.properties;
    const attached = (p.type === 'AWS::SQS::QueuePolicy' && asArray(props.Queues).includes(r.ref))
      || (p.type === 'AWS::SNS::TopicPolicy' && asArray(props.Topics).includes(r.ref))
      || (p.type === 'AWS::S3::BucketPolicy' && props.Bucket === r.ref);
    if (attached) out.push({ policy: p.logicalId, statements: statementsOf(props.PolicyDocument) });
    if (p.type === 'AWS::Lambda::Permission' && index.find(props.FunctionName) === r) {
      try {
        out.push({ policy: p.logicalId, statements: [permissionStatement(p, r.attributes.Arn ?? r.ref, env)] });
      } catch {
        // A permission the simulator refused at load is reported there; it grants nothing here either.
      }
    }
  }
  return out;
}

function evaluate(policies: ReturnType<typeof policiesOf>, action: string, resource: string, who: CallerIdentity): DenialStatement[] {
  const context = requestContext(who);
  return policies.flatMap(({ policy, statements }) => statements.map((raw, i) => {
    const s = raw as Record<string, unknown>;
    const compiled = compileStatement(s as never);
    return {
      policy,
      sid: typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i + 1}`,
      effect: String(s.Effect),
      applies: compiled?.applies(action, resource, who, () => context) ?? false,
      json: JSON.stringify(s),
    };
  }));
}

function caller(principal: string, sourceArn: string | undefined, env: SimEnvironment): CallerIdentity {
  return {
    principalType: principal.endsWith('.amazonaws.com') ? 'Service' : 'AWS',
    principal,
    sourceArn,
    sourceAccount: env.account,
    secureTransport: true,
  };
}

/** Whether a statement's text names the action (exactly, or by a wildcard that covers it). */
function mentions(json: string, action: string): boolean {
  const [service] = action.split(':');
  return json.includes(action) || json.includes(`"${service}:*"`) || json.includes('"*"') || new RegExp(`"${service}:[A-Za-z]*\\*"`, 'i').test(json);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
