/**
 * Amazon AppFlow: a flow pulls from its source connector (a SaaS application drawn as an external node, or a bucket)
 * and writes to its destinations (a bucket with its prefix, EventBridge, Redshift...). The source edge carries the
 * object and the trigger (on demand, scheduled, on event).
 */
import { asList, EdgeExtractor } from './extractor';

export const appFlowExtractor: EdgeExtractor = {
  types: ['AWS::AppFlow::Flow'],
  extract(r, g) {
    const p = r.properties;
    const flow = g.node(r);
    const source = p.SourceFlowConfig ?? {};
    const type = String(source.ConnectorType ?? 'source');
    const props = source.SourceConnectorProperties?.[type] ?? Object.values<any>(source.SourceConnectorProperties ?? {})[0] ?? {};
    const from = type === 'S3' ? g.nodeOf(props.BucketName) : g.external(`appflow_${type}`, type, 'SaaS source');
    const trigger = p.TriggerConfig?.TriggerType;
    const schedule = p.TriggerConfig?.TriggerProperties?.ScheduleExpression;
    const what = props.Object ?? props.BucketPrefix;
    g.edge(from, flow, 'flow', [what, trigger === 'Scheduled' && schedule ? String(schedule) : trigger && String(trigger).toLowerCase()].filter(Boolean).join(', '));
    for (const d of asList<any>(p.DestinationFlowConfigList)) {
      const dtype = String(d?.ConnectorType ?? '');
      const dprops = d?.DestinationConnectorProperties?.[dtype] ?? {};
      const to = dtype === 'S3' ? g.nodeOf(dprops.BucketName) : g.external(`appflow_dest_${dtype}`, dtype, 'AppFlow destination');
      g.edge(flow, to, 'flow', dprops.BucketPrefix ? `prefix ${dprops.BucketPrefix}` : 'writes');
    }
  },
};
