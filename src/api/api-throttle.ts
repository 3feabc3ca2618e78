import * as apigw from 'aws-cdk-lib/aws-apigateway';

/**
 * Token-bucket throttling: a steady rate and a burst (bucket size). API Gateway answers 429 once both are spent.
 */
export interface ApiThrottle {
  /**
   * Steady-state requests per second. Zero or more (decimals allowed); the account-level limit
   * (10,000 per second by default, per region) still applies above it.
   */
  readonly rateLimit: number;
  /**
   * Requests that may arrive at once above the steady rate. A whole number, zero or more; the account-level burst
   * (5,000 by default) still applies above it.
   */
  readonly burstLimit: number;
}

/** A throttle for one method of one resource, overriding the stage default. */
export interface MethodThrottle extends ApiThrottle {
  /** Resource path starting with `/`, e.g. `/orders` or `/orders/{id}`. Use `/*` for every path. */
  readonly resourcePath: string;
  /** HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS) or `*` for every method. */
  readonly httpMethod: string;
}

/** A request quota of a usage plan. */
export interface ApiQuota {
  /** Requests allowed per period: a whole number, 1 or more. */
  readonly limit: number;
  /** The period the limit counts over. */
  readonly period: apigw.Period;
  /**
   * Requests subtracted from the limit in the first period: a whole number from 0 to limit - 1.
   * @default 0
   */
  readonly offset?: number;
}

/**
 * A usage plan: per-client throttles and quotas enforced through API keys. API Gateway applies usage plan limits
 * on a best-effort basis; they are a fairness tool, not a billing guard.
 */
export interface ApiUsagePlan {
  /** Name of the usage plan (shown in the console and in `$context.usagePlanId` lookups). */
  readonly name: string;
  /**
   * Throttle applied to each API key of the plan.
   * @default - the stage's default throttle
   */
  readonly throttle?: ApiThrottle;
  /**
   * Quota applied to each API key of the plan.
   * @default - no quota
   */
  readonly quota?: ApiQuota;
  /**
   * One API key is generated per client id listed here (API Gateway generates the secret value; it never appears
   * in the template). The client id becomes the key's customer id.
   * @default - one key for the plan, with the plan name as customer id
   */
  readonly clientIds?: string[];
}
