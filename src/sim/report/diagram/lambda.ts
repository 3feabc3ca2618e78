/**
 * Lambda: an event source mapping is an edge from its source (queue, stream, table stream, broker) to the function,
 * labelled with its batch size and filter; asynchronous-invocation destinations and the function's dead-letter queue
 * are side paths; an environment variable that names a resource of the stack is a dotted `uses` edge (the function
 * is configured to call it; the IAM extractor turns it into a flow when the role may write to it).
 */
import { asList, clip, EdgeExtractor, jsonObject } from './extractor';

export const lambdaExtractor: EdgeExtractor = {
  types: ['AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Function'],
  extract(r, g) {
    const p = r.properties;
    if (r.type === 'AWS::Lambda::EventSourceMapping') {
      const fn = g.nodeOf(p.FunctionName);
      const source = g.nodeOf(p.EventSourceArn) ?? (p.EventSourceArn ? undefined : g.external('kafka', 'Kafka', 'event source'));
      const labels: string[] = [];
      if (p.BatchSize !== undefined) labels.push(`batch ${p.BatchSize}`);
      for (const f of asList<any>(p.FilterCriteria?.Filters)) labels.push(clip(`filter ${compactJson(jsonObject(f?.Pattern))}`));
      if (p.Enabled === false || p.Enabled === 'false') labels.push('disabled');
      if (labels.length === 0) g.edge(source, fn, 'flow');
      for (const l of labels) g.edge(source, fn, 'flow', l);
      const onFailure = g.nodeOf(p.DestinationConfig?.OnFailure?.Destination);
      g.edge(fn, onFailure, 'side', 'on failure (mapping)');
      return;
    }
    if (r.type === 'AWS::Lambda::EventInvokeConfig') {
      const fn = g.nodeOf(p.FunctionName);
      const onSuccess = g.nodeOf(p.DestinationConfig?.OnSuccess?.Destination);
      const onFailure = g.nodeOf(p.DestinationConfig?.OnFailure?.Destination);
      g.edge(fn, onSuccess, 'flow', 'on success');
      if (onFailure !== undefined && g.index.find(p.DestinationConfig?.OnFailure?.Destination)?.type === 'AWS::SQS::Queue') g.mark(onFailure, 'dlq');
      g.edge(fn, onFailure, 'side', 'on failure');
      return;
    }
    const fn = g.node(r);
    const dlq = g.nodeOf(p.DeadLetterConfig?.TargetArn);
    if (dlq !== undefined && g.index.find(p.DeadLetterConfig?.TargetArn)?.type === 'AWS::SQS::Queue') g.mark(dlq, 'dlq');
    g.edge(fn, dlq, 'side', 'async DLQ');
    for (const [name, value] of Object.entries<unknown>(p.Environment?.Variables ?? {})) {
      const target = g.find(value);
      if (target && target.logicalId !== r.logicalId) g.edge(fn, g.node(target), 'uses', name);
    }
  },
};

/** `{"body":{"status":["new"]}}` -> `body.status: new`. */
function compactJson(pattern: any): string {
  if (!pattern || typeof pattern !== 'object') return String(pattern ?? '');
  const parts: string[] = [];
  const walk = (obj: any, prefix: string) => {
    for (const [k, v] of Object.entries<any>(obj)) {
      if (Array.isArray(v)) parts.push(`${prefix}${k}: ${v.map(x => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' | ')}`);
      else if (v && typeof v === 'object') walk(v, `${prefix}${k}.`);
    }
  };
  walk(pattern, '');
  return parts.join(', ');
}
