/**
 * Infrastructure, drawn with `{ infrastructure: true }` only: a dotted edge from every drawn resource to each
 * infrastructure resource its properties name (a function's role, a queue's KMS key, a policy's roles), labelled with
 * the property.
 */
import { EdgeExtractor, stringsIn } from './extractor';

export const infrastructureExtractor: EdgeExtractor = {
  types: ['*'],
  extract(r, g) {
    if (!g.showInfrastructure) return;
    const from = g.node(r);
    if (from === undefined) return;
    for (const { key, value } of stringsIn(r.properties)) {
      const target = g.find(value);
      if (target && target.logicalId !== r.logicalId && g.isInfrastructure(target)) g.edge(from, g.node(target), 'uses', key);
    }
  },
};
