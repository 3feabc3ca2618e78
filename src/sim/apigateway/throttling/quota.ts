/**
 * A usage plan's request quota per API key: `limit` requests per DAY, WEEK or MONTH, periods starting at 00:00 UTC
 * (a week on Sunday, the day the API reference names for offset 0; a month on its first day). `offset` requests are
 * subtracted from the limit in the first period only.
 */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface QuotaConfig {
  readonly limit: number;
  readonly period: QuotaPeriod;
  readonly offset: number;
}

export function periodStart(period: QuotaPeriod, now: number): number {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'DAY') return day;
  if (period === 'WEEK') return day - d.getUTCDay() * 86_400_000;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export class QuotaCounter {
  private period = -1;
  private used = 0;
  private readonly firstPeriod: number;

  constructor(private readonly config: QuotaConfig, createdAt: number) {
    this.firstPeriod = periodStart(config.period, createdAt);
  }

  /** Counts a request at `now`; false when the period's quota is already used up. */
  public tryUse(now: number): boolean {
    const start = periodStart(this.config.period, now);
    if (start !== this.period) {
      this.period = start;
      this.used = 0;
    }
    const limit = this.config.limit - (start === this.firstPeriod ? this.config.offset : 0);
    if (this.used >= limit) return false;
    this.used++;
    return true;
  }

  /** Requests left in the period containing `now`. */
  public remaining(now: number): number {
    const start = periodStart(this.config.period, now);
    const used = start === this.period ? this.used : 0;
    return this.config.limit - (start === this.firstPeriod ? this.config.offset : 0) - used;
  }
}
