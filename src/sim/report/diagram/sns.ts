/**
 * SNS: a subscription is an edge from its topic to its endpoint, labelled with its filter policy (the pattern notes'
 * "Filter Policy orderStatus: 'submitted'"); its redrive policy is a side path to the dead-letter queue. Endpoints
 * outside the template (email, HTTPS, SMS) are drawn as external nodes.
 */
import type { GraphBuilder } from './builder';
import { asList, clip, EdgeExtractor, jsonObject } from './extractor';
import type { TemplateResource } from '../../runtime';

export const snsExtractor: EdgeExtractor = {
  types: ['AWS::SNS::Subscription', 'AWS::SNS::Topic'],
  extract(r, g) {
    if (r.type === 'AWS::SNS::Topic') {
      // Subscriptions given inline on the topic (`Subscription: [{Endpoint, Protocol}]`) have no filter policy.
      for (const s of asList<any>(r.properties.Subscription)) subscription(g, g.node(r), s?.Protocol, s?.Endpoint, {});
      return;
    }
    subscription(g, g.nodeOf(r.properties.TopicArn), r.properties.Protocol, r.properties.Endpoint, r.properties, r);
  },
};

function subscription(g: GraphBuilder, topic: string | undefined, protocol: unknown, endpoint: unknown, p: any, r?: TemplateResource): void {
  if (topic === undefined) return;
  const target = g.nodeOf(endpoint) ?? externalEndpoint(g, String(protocol ?? ''), String(endpoint ?? ''));
  const policy = jsonObject(p.FilterPolicy);
  const labels = policy ? filterPolicyLabel(policy, p.FilterPolicyScope === 'MessageBody') : [];
  if (labels.length === 0) g.edge(topic, target, 'flow');
  for (const line of labels) g.edge(topic, target, 'flow', line);
  const dlq = g.nodeOf(jsonObject(p.RedrivePolicy)?.deadLetterTargetArn);
  if (dlq !== undefined && r) {
    g.mark(dlq, 'dlq');
    g.edge(topic, dlq, 'side', 'undeliverable');
  }
}

function externalEndpoint(g: GraphBuilder, protocol: string, endpoint: string): string {
  const host = /^https?:\/\/([^/:]+)/.exec(endpoint)?.[1];
  const title = host ?? (endpoint || protocol);
  return g.external(`${protocol}_${title}`, title, `${protocol || 'unknown'} subscriber`);
}

/**
 * A filter policy in a few words per key: `orderStatus: submitted | refunded`, `price: > 100`, `store: not [a, b]`.
 * One line per key (the keys are ANDed); `$or` alternatives are joined with ` or `.
 */
export function filterPolicyLabel(policy: any, bodyScope: boolean): string[] {
  const lines: string[] = [];
  const walk = (obj: any, prefix: string) => {
    for (const [key, value] of Object.entries<any>(obj ?? {})) {
      if (key === '$or' && Array.isArray(value)) {
        lines.push(clip(value.map(alt => filterPolicyLabel(alt, false).join(' & ')).join(' or ')));
      } else if (Array.isArray(value)) {
        lines.push(clip(`${prefix}${key}: ${value.map(condition).join(' | ')}`));
      } else if (value && typeof value === 'object') {
        walk(value, `${prefix}${key}.`);
      }
    }
  };
  walk(policy, '');
  if (bodyScope && lines.length > 0) lines[0] = `body ${lines[0]}`;
  return lines;
}

function condition(c: any): string {
  if (c === null) return 'null';
  if (typeof c !== 'object') return String(c);
  const [op, arg] = Object.entries<any>(c)[0] ?? ['', ''];
  switch (op) {
    case 'prefix': return typeof arg === 'object' ? `prefix ${condition(arg)}` : `${arg}*`;
    case 'suffix': return typeof arg === 'object' ? `suffix ${condition(arg)}` : `*${arg}`;
    case 'anything-but': return `not ${Array.isArray(arg) ? `[${arg.join(', ')}]` : condition(arg)}`;
    case 'numeric': return asList(arg).map(String).join(' ');
    case 'exists': return arg ? 'exists' : 'absent';
    case 'equals-ignore-case': return `~${arg}`;
    case 'cidr': return `in ${arg}`;
    case 'wildcard': return String(arg);
    default: return `${op} ${JSON.stringify(arg)}`;
  }
}
