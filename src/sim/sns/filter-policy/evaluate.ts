import { CompiledFilterPolicy } from './compile';
import { KeyMatcher } from './key-matcher';
import { BodyLeaves, FilterMessage, FlatBody } from './message';
import { FilterPolicyScope } from './types';

/**
 * Whether a subscription with this policy accepts the message (sns-subscription-filter-policies): every property of
 * the policy (AND) must have at least one matching condition (OR), in any one `$or` branch. Message attributes or
 * body properties the policy does not name are ignored.
 */
export function matchesPolicy(policy: CompiledFilterPolicy, message: FilterMessage): boolean {
  return policy.groups.some(group => matchesGroup(policy.scope, group, message));
}

/** One `$or`-expanded group: an AND of properties. */
export function matchesGroup(scope: FilterPolicyScope, group: readonly KeyMatcher[], message: FilterMessage): boolean {
  if (scope === 'MessageAttributes') {
    return group.every(km => {
      const values = message.attribute(km.path);
      // "exists": false only matches when the message carries at least one attribute (attribute-key-matching).
      if (values === undefined) return km.existsFalse && message.hasAttributes;
      return km.matchesValues(values);
    });
  }
  const body = message.body;
  if (body === null) return false; // a body that is not a JSON object never matches a MessageBody policy
  if (body.hasObjectArrays) return matchesConsistently(group, body);
  return group.every(km => km.matchesValues(body.leaves.get(km.path)?.values ?? []));
}

/**
 * Arrays of objects in a body: the properties a policy names must be matched inside the same array element
 * (`{"a": [{"b": 1, "c": 2}, {"b": 3, "c": 4}]}` does not match `{"a": {"b": [1], "c": [4]}}`), as the flattening
 * SNS applies to bodies implies. A small backtracking search over the candidate leaves of each property.
 */
function matchesConsistently(group: readonly KeyMatcher[], body: FlatBody): boolean {
  const chosen: (readonly number[])[] = [];
  const visit = (i: number): boolean => {
    if (i === group.length) return true;
    const km = group[i];
    const leaves: BodyLeaves | undefined = body.leaves.get(km.path);
    if (leaves === undefined || leaves.values.length === 0) return km.existsFalse && visit(i + 1);
    for (let j = 0; j < leaves.values.length; j++) {
      if (!km.matchesLeaf(leaves.values[j])) continue;
      const trail = leaves.trails[j];
      if (trail === undefined) {
        if (visit(i + 1)) return true;
        continue;
      }
      if (!consistent(trail, chosen)) continue;
      chosen.push(trail);
      if (visit(i + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return visit(0);
}

function consistent(trail: readonly number[], chosen: readonly (readonly number[])[]): boolean {
  for (const other of chosen) {
    for (let a = 0; a < trail.length; a += 2) {
      for (let b = 0; b < other.length; b += 2) {
        if (trail[a] === other[b] && trail[a + 1] !== other[b + 1]) return false;
      }
    }
  }
  return true;
}
