import { Duration } from 'aws-cdk-lib';

/** The AWS WAF web ACL in front of a REST API stage. */
export interface ApiWebAclOptions {
  /**
   * Set to false to leave the stage without a web ACL (cdk-nag then reports the missing WAF, as it should).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * ARN of an existing regional web ACL (e.g. one managed by Firewall Manager) to associate instead of creating one.
   * @default - a web ACL is created with the managed rule groups and the rate-based rule below
   */
  readonly existingWebAclArn?: string;
  /**
   * Requests one client IP may send within `rateLimitWindow` before WAF blocks it: 10 to 2,000,000,000.
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * The window the rate limit counts over: 1, 2, 5 or 10 minutes.
   * @default Duration.minutes(5)
   */
  readonly rateLimitWindow?: Duration;
  /**
   * Block requests from IP addresses on Amazon's threat intelligence reputation list
   * (AWSManagedRulesAmazonIpReputationList).
   * @default true
   */
  readonly ipReputationList?: boolean;
  /**
   * Rules of AWSManagedRulesCommonRuleSet to count instead of block, e.g. `SizeRestrictions_BODY` (which blocks
   * bodies over 8 KB, so an API carrying larger messages must count it).
   * @default - every rule blocks
   */
  readonly countOnlyRules?: string[];
}
