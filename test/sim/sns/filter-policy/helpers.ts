import { MessageAttributeValue } from '../../../../src/sim/runtime';
import { compileFilterPolicy, FilterMessage, FilterPolicyError, FilterPolicyScope, matchesPolicy } from '../../../../src/sim/sns/filter-policy';

/** Attributes written the way the SNS docs show them: `{"Type": "String", "Value": "rugby"}`. */
export type DocAttributes = Record<string, { Type: string; Value: string }>;

export function sdkAttributes(attrs: DocAttributes): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, a] of Object.entries(attrs)) out[name] = { DataType: a.Type, StringValue: a.Value };
  return out;
}

/** Whether `policy` (MessageAttributes scope) accepts a message with these attributes. */
export function attrsMatch(policy: object | string, attrs: DocAttributes): boolean {
  const compiled = compileFilterPolicy(policy, 'MessageAttributes');
  if (!compiled) return true;
  return matchesPolicy(compiled, new FilterMessage(sdkAttributes(attrs), 'message'));
}

/** Whether `policy` (MessageBody scope) accepts this body (an object is serialised to JSON). */
export function bodyMatches(policy: object | string, body: unknown): boolean {
  const compiled = compileFilterPolicy(policy, 'MessageBody');
  if (!compiled) return true;
  return matchesPolicy(compiled, new FilterMessage(undefined, typeof body === 'string' ? body : JSON.stringify(body)));
}

/** The reason SNS gives for refusing the policy (throws if the policy is accepted). */
export function rejection(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes'): string {
  try {
    compileFilterPolicy(policy, scope);
  } catch (e) {
    if (e instanceof FilterPolicyError) return e.reason;
    throw e;
  }
  throw new Error(`policy was accepted: ${JSON.stringify(policy)}`);
}

export const str = (Value: string) => ({ Type: 'String', Value });
export const num = (Value: string) => ({ Type: 'Number', Value });
export const strArray = (values: unknown[]) => ({ Type: 'String.Array', Value: JSON.stringify(values) });
