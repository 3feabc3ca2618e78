import { Token } from 'aws-cdk-lib';
import { ApiQuota, ApiThrottle, ApiUsagePlan, MethodThrottle } from './api-throttle';
import { PropValidationError } from '../core/validation';

/** Default stage throttle of every front door: low enough to protect a Lambda backend's concurrency, high enough for most APIs. */
export const DEFAULT_API_THROTTLE: ApiThrottle = { rateLimit: 500, burstLimit: 1000 };

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', '*'];

/** Validation of throttles, quotas and usage plans, shared by the REST, HTTP and WebSocket front doors. */
export class ThrottleValidation {
  /** Rate >= 0 (any finite number), burst a whole number >= 0. */
  public static throttle(construct: string, prop: string, throttle: ApiThrottle | undefined): void {
    if (throttle === undefined) return;
    const { rateLimit, burstLimit } = throttle;
    if (!Token.isUnresolved(rateLimit) && !(Number.isFinite(rateLimit) && rateLimit >= 0)) {
      throw new PropValidationError(construct, `${prop}.rateLimit`, rateLimit, 'a number of requests per second, 0 or more');
    }
    if (!Token.isUnresolved(burstLimit) && !(Number.isInteger(burstLimit) && burstLimit >= 0)) {
      throw new PropValidationError(construct, `${prop}.burstLimit`, burstLimit, 'a whole number of requests, 0 or more');
    }
  }

  public static methodThrottle(construct: string, prop: string, throttle: MethodThrottle): void {
    ThrottleValidation.throttle(construct, prop, throttle);
    if (!Token.isUnresolved(throttle.resourcePath) && !throttle.resourcePath.startsWith('/')) {
      throw new PropValidationError(construct, `${prop}.resourcePath`, throttle.resourcePath, 'a path starting with "/", e.g. "/orders" or "/*"');
    }
    if (!HTTP_METHODS.includes(throttle.httpMethod.toUpperCase())) {
      throw new PropValidationError(construct, `${prop}.httpMethod`, throttle.httpMethod, `one of ${HTTP_METHODS.join(', ')}`);
    }
  }

  public static quota(construct: string, prop: string, quota: ApiQuota | undefined): void {
    if (quota === undefined) return;
    if (!Token.isUnresolved(quota.limit) && !(Number.isInteger(quota.limit) && quota.limit > 0)) {
      throw new PropValidationError(construct, `${prop}.limit`, quota.limit, 'a whole number of requests, 1 or more');
    }
    const offset = quota.offset;
    if (offset !== undefined && !Token.isUnresolved(offset) && !Token.isUnresolved(quota.limit)
      && !(Number.isInteger(offset) && offset >= 0 && offset < quota.limit)) {
      throw new PropValidationError(construct, `${prop}.offset`, offset, `a whole number from 0 to ${quota.limit - 1} (below the limit)`);
    }
  }

  public static usagePlans(construct: string, plans: ApiUsagePlan[]): void {
    const names = new Set<string>();
    plans.forEach((plan, i) => {
      const prop = `usagePlans[${i}]`;
      if (names.has(plan.name)) throw new PropValidationError(construct, `${prop}.name`, plan.name, 'a name not used by another usage plan');
      names.add(plan.name);
      ThrottleValidation.throttle(construct, `${prop}.throttle`, plan.throttle);
      ThrottleValidation.quota(construct, `${prop}.quota`, plan.quota);
      if (plan.clientIds !== undefined && plan.clientIds.length === 0) {
        throw new PropValidationError(construct, `${prop}.clientIds`, '[]', 'at least one client id, or leave it out for one key per plan');
      }
      const clients = new Set<string>();
      for (const client of plan.clientIds ?? []) {
        if (clients.has(client)) throw new PropValidationError(construct, `${prop}.clientIds`, client, 'client ids unique within the plan');
        clients.add(client);
      }
    });
  }

  private constructor() {}
}
