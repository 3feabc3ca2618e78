/**
 * EventBridge: a rule (or a schedule) is fed by its event bus and invokes its targets, labelled with its event pattern
 * or schedule; a pipe links its source, enrichment and target.
 */
import { asList, clip, EdgeExtractor, jsonObject } from './extractor';

export const eventsExtractor: EdgeExtractor = {
  types: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule', 'AWS::Pipes::Pipe'],
  extract(r, g) {
    const p = r.properties;
    const node = g.node(r);
    if (r.type === 'AWS::Pipes::Pipe') {
      g.edge(g.nodeOf(p.Source), node, 'flow');
      g.edge(node, g.nodeOf(p.Enrichment), 'flow', 'enrich');
      g.edge(node, g.nodeOf(p.Target), 'flow');
      return;
    }
    if (r.type === 'AWS::Scheduler::Schedule') {
      g.edge(node, g.nodeOf(p.Target?.Arn), 'flow', String(p.ScheduleExpression ?? ''));
      return;
    }
    const pattern = jsonObject(p.EventPattern);
    const label = p.ScheduleExpression ? String(p.ScheduleExpression) : pattern ? clip(patternLabel(pattern)) : '';
    if (pattern) {
      const bus = g.nodeOf(p.EventBusName) ?? g.external('default_bus', 'default event bus', 'EventBridge', 'bus');
      g.edge(bus, node, 'flow', label);
    }
    for (const t of asList<any>(p.Targets)) g.edge(node, g.nodeOf(t?.Arn), 'flow', p.ScheduleExpression ? label : undefined);
  },
};

function patternLabel(pattern: any): string {
  const source = asList(pattern.source).join(' | ');
  const type = asList(pattern['detail-type']).join(' | ');
  return [source, type].filter(Boolean).join(': ') || JSON.stringify(pattern);
}
