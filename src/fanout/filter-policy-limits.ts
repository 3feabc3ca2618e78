import { Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PropValidationError } from '../core';

/**
 * The documented SNS filter policy limits ("Filter policy constraints in Amazon SNS",
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html):
 * - a filter policy can have at most five keys; in a nested (payload-based) policy only the leaf keys count;
 * - the total combination of values must not exceed 150 (the product of the number of values in each array);
 * - the maximum size of a filter policy is 256 KB;
 * - numeric matching works on values from -1,000,000,000 to 1,000,000,000 (-10^9 to 10^9).
 * Attribute-based policies cannot nest; aws-cdk-lib's `filterPolicy` type already makes that impossible.
 */
export const SNS_FILTER_POLICY_LIMITS = {
  maxKeys: 5,
  maxCombinations: 150,
  /** 256 KB, counted as UTF-8 bytes of the policy's JSON. */
  maxSizeBytes: 256 * 1024,
  maxNumericMagnitude: 1_000_000_000,
};

const DOC = 'SNS filter policy constraints';

/**
 * Checks a subscription's filter policy against the SNS limits at synth time, so a policy SNS would reject fails
 * `cdk synth` with the limit, the value and the allowed maximum instead of failing the deployment.
 */
export class FilterPolicyLimits {
  /** Checks an attribute-scope policy (`filterPolicy`). */
  public static validateAttributePolicy(construct: string, prop: string, policy: { [key: string]: sns.SubscriptionFilter }): void {
    const rendered: Record<string, unknown[]> = {};
    for (const [key, filter] of Object.entries(policy)) rendered[key] = filter.conditions;
    FilterPolicyLimits.checkKeys(construct, prop, Object.keys(rendered));
    FilterPolicyLimits.checkCombinations(construct, prop, Object.values(rendered).map(values => values.length));
    FilterPolicyLimits.checkNumbers(construct, prop, rendered);
    FilterPolicyLimits.checkSize(construct, prop, rendered);
  }

  /** Checks a message-body-scope policy (`filterPolicyWithMessageBody`), which may nest. */
  public static validateBodyPolicy(construct: string, prop: string, policy: { [key: string]: sns.FilterOrPolicy }): void {
    const rendered = FilterPolicyLimits.renderBody(policy);
    // "For a nested policy, only leaf keys are counted towards the five key limit" (the constraints page).
    FilterPolicyLimits.checkKeys(construct, prop, FilterPolicyLimits.leafKeys(rendered));
    FilterPolicyLimits.checkCombinations(construct, prop, FilterPolicyLimits.leafArrayLengths(rendered));
    FilterPolicyLimits.checkNumbers(construct, prop, rendered);
    FilterPolicyLimits.checkSize(construct, prop, rendered);
  }

  private static renderBody(policy: { [key: string]: sns.FilterOrPolicy }): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(policy)) {
      if (value.isPolicy()) out[key] = FilterPolicyLimits.renderBody(value.policyDoc);
      else if (value.isFilter()) out[key] = value.filterDoc.conditions;
    }
    return out;
  }

  /** The keys whose values are condition arrays, by their dotted path (`order.status`). */
  private static leafKeys(node: Record<string, unknown>, prefix = ''): string[] {
    return Object.entries(node).flatMap(([key, child]) => Array.isArray(child)
      ? [prefix + key]
      : child && typeof child === 'object' ? FilterPolicyLimits.leafKeys(child as Record<string, unknown>, `${prefix}${key}.`) : []);
  }

  private static leafArrayLengths(node: unknown): number[] {
    if (Array.isArray(node)) return [node.length];
    if (node && typeof node === 'object') return Object.values(node).flatMap(child => FilterPolicyLimits.leafArrayLengths(child));
    return [];
  }

  private static checkKeys(construct: string, prop: string, keys: string[]): void {
    if (keys.length > SNS_FILTER_POLICY_LIMITS.maxKeys) {
      throw new PropValidationError(construct, prop, `${keys.length} keys: ${keys.join(', ')}`,
        `at most ${SNS_FILTER_POLICY_LIMITS.maxKeys} keys per filter policy (${DOC})`);
    }
  }

  private static checkCombinations(construct: string, prop: string, arrayLengths: number[]): void {
    const total = arrayLengths.reduce((product, length) => product * length, 1);
    if (total > SNS_FILTER_POLICY_LIMITS.maxCombinations) {
      throw new PropValidationError(construct, prop, `${total} combinations of values = ${arrayLengths.join(' x ')}`,
        `at most ${SNS_FILTER_POLICY_LIMITS.maxCombinations} combinations, the product of the number of values in each array (${DOC})`);
    }
  }

  private static checkNumbers(construct: string, prop: string, rendered: unknown): void {
    for (const n of FilterPolicyLimits.numericOperands(rendered)) {
      if (Math.abs(n) > SNS_FILTER_POLICY_LIMITS.maxNumericMagnitude) {
        throw new PropValidationError(construct, prop, `numeric condition value ${n}`,
          `numbers from -${SNS_FILTER_POLICY_LIMITS.maxNumericMagnitude} to ${SNS_FILTER_POLICY_LIMITS.maxNumericMagnitude} (${DOC})`);
      }
    }
  }

  /** The numbers inside `{"numeric": [...]}` conditions, wherever they sit in the policy. */
  private static numericOperands(node: unknown): number[] {
    if (Array.isArray(node)) return node.flatMap(child => FilterPolicyLimits.numericOperands(child));
    if (node && typeof node === 'object') {
      return Object.entries(node).flatMap(([key, child]) => key === 'numeric' && Array.isArray(child)
        ? child.filter((v): v is number => typeof v === 'number' && !Token.isUnresolved(v))
        : FilterPolicyLimits.numericOperands(child));
    }
    return [];
  }

  private static checkSize(construct: string, prop: string, rendered: unknown): void {
    const bytes = Buffer.byteLength(JSON.stringify(rendered), 'utf8');
    if (bytes > SNS_FILTER_POLICY_LIMITS.maxSizeBytes) {
      throw new PropValidationError(construct, prop, `${bytes} bytes of JSON`,
        `at most ${SNS_FILTER_POLICY_LIMITS.maxSizeBytes} bytes (256 KB) per filter policy (${DOC})`);
    }
  }

  private constructor() {}
}
