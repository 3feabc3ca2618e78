/**
 * The token bucket API Gateway throttles with: it holds at most `burst` tokens, refills at `rate` tokens per second
 * of virtual time, and a request is admitted when a whole token is left. Computed on demand from the clock, so an
 * idle bucket costs nothing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(public readonly rate: number, public readonly burst: number, now: number) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** True when a request arriving at `now` may pass (does not take the token). */
  public hasToken(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Takes one token (after `hasToken` said yes). */
  public take(): void {
    this.tokens -= 1;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + (this.rate * (now - this.updatedAt)) / 1000);
      this.updatedAt = now;
    }
  }
}

/**
 * A request passes a chain of buckets (usage plan per method, usage plan, stage method, account) only when every one
 * has a token; it then takes one from each, so a refused request uses up nothing.
 */
export function admit(buckets: readonly TokenBucket[], now: number): boolean {
  for (const b of buckets) if (!b.hasToken(now)) return false;
  for (const b of buckets) b.take();
  return true;
}
