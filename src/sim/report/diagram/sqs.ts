/** SQS: a redrive policy is a side path from the source queue to its dead-letter queue, after maxReceiveCount receives. */
import { EdgeExtractor, jsonObject } from './extractor';

export const sqsExtractor: EdgeExtractor = {
  types: ['AWS::SQS::Queue'],
  extract(r, g) {
    const redrive = jsonObject(r.properties.RedrivePolicy);
    const dlq = g.nodeOf(redrive?.deadLetterTargetArn);
    if (dlq === undefined) return;
    g.mark(dlq, 'dlq');
    const receives = redrive?.maxReceiveCount;
    g.edge(g.node(r), dlq, 'side', receives !== undefined ? `after ${receives} receives` : 'dead letters');
  },
};
