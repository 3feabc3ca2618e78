import { templateError } from './errors';

/**
 * Orders resources so each comes after everything it references (Ref, Fn::GetAtt, Fn::Sub) or names in DependsOn.
 * Ties keep template order, so loading is deterministic. A cycle fails as CloudFormation fails it.
 */
export function dependencyOrder(ids: readonly string[], dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];

  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = stack.slice(stack.indexOf(id));
      throw templateError('Template', `Circular dependency between resources: [${[...cycle].sort().join(', ')}]`);
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of dependencies.get(id) ?? []) visit(dep);
    stack.pop();
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id);
  return order;
}
