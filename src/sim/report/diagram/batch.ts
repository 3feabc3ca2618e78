/**
 * AWS Batch: a job queue feeds its compute environments (in their order); a compute environment says what it runs
 * on (EC2, Spot, Fargate). Who submits jobs and what jobs write comes from the IAM extractor (roles' grants).
 */
import { asList, EdgeExtractor } from './extractor';

export const batchExtractor: EdgeExtractor = {
  types: ['AWS::Batch::JobQueue', 'AWS::Batch::ComputeEnvironment'],
  extract(r, g) {
    const p = r.properties;
    if (r.type === 'AWS::Batch::ComputeEnvironment') {
      const on = p.ComputeResources?.Type ?? (p.Type === 'UNMANAGED' ? 'unmanaged' : undefined);
      if (on) g.retitle(g.node(r), `Batch compute environment (${String(on)})`);
      return;
    }
    const queue = g.node(r);
    const order = asList<any>(p.ComputeEnvironmentOrder);
    for (const o of order) g.edge(queue, g.nodeOf(o?.ComputeEnvironment), 'flow', order.length > 1 ? `order ${o?.Order}` : 'runs on');
  },
};
