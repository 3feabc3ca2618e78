/**
 * CloudWatch alarms, drawn as side paths: the resource a metric dimension names watches into the alarm (labelled
 * with the metric and threshold), and the alarm's actions go out to their targets (labelled with the state that
 * fires them). A composite alarm is fed by the alarms its rule names.
 */
import type { GraphBuilder } from './builder';
import { asList, EdgeExtractor } from './extractor';

const OPERATORS: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside band',
  LessThanLowerThreshold: 'below band',
  GreaterThanUpperThreshold: 'above band',
};

export const cloudWatchExtractor: EdgeExtractor = {
  types: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
  extract(r, g) {
    const p = r.properties;
    const alarm = g.node(r);
    if (r.type === 'AWS::CloudWatch::Alarm') {
      const op = OPERATORS[String(p.ComparisonOperator)] ?? String(p.ComparisonOperator ?? '');
      const threshold = p.Threshold !== undefined ? ` ${p.Threshold}` : '';
      const metrics: Array<{ name: unknown; dimensions: unknown }> = [{ name: p.MetricName, dimensions: p.Dimensions }];
      for (const m of asList<any>(p.Metrics)) {
        metrics.push({ name: m?.MetricStat?.Metric?.MetricName, dimensions: m?.MetricStat?.Metric?.Dimensions });
      }
      for (const m of metrics) {
        for (const d of asList<any>(m.dimensions)) {
          const watched = g.nodeOf(d?.Value);
          if (watched !== undefined && m.name) g.edge(watched, alarm, 'side', `${String(m.name)} ${op}${threshold}`.trim());
        }
      }
    } else {
      for (const match of String(p.AlarmRule ?? '').matchAll(/(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*"?([^")]+?)"?\s*\)/g)) {
        g.edge(g.nodeOf(match[1]) ?? alarmByName(g, match[1]), alarm, 'side', 'rule');
      }
    }
    // One edge per target, labelled with every state that notifies it (`ALARM, OK`).
    const states = new Map<string, string[]>();
    for (const [list, state] of [[p.AlarmActions, 'ALARM'], [p.OKActions, 'OK'], [p.InsufficientDataActions, 'INSUFFICIENT_DATA']] as const) {
      for (const action of asList<string>(list)) {
        const target = g.nodeOf(action) ?? g.external(`action_${action}`, String(action).split(':')[2] || 'action', 'alarm action');
        states.set(target, [...states.get(target) ?? [], state]);
      }
    }
    for (const [target, list] of states) g.edge(alarm, target, 'side', list.join(', '));
  },
};

function alarmByName(g: GraphBuilder, name: string): string | undefined {
  const r = g.index.ofType('AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm').find(a => a.properties.AlarmName === name || a.ref === name);
  return g.node(r);
}
