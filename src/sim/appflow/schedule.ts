/**
 * Scheduled flows (AppFlow User Guide, "Schedule-triggered flows"; API TriggerProperties / ScheduledTriggerProperties):
 * `rate(N minutes|hours|days)` (AppFlow writes it without a space, `rate(1hours)`) or a six-field
 * `cron(minutes hours day-of-month month day-of-week year)` expression, evaluated with cron-parser in the flow's
 * TimeZone. Runs fall on the schedule from ScheduleStartTime (or from when the flow is activated) until
 * ScheduleEndTime.
 */
import type { CronExpressionParser as CronParserType } from 'cron-parser';

const RATE = /^rate\(\s*(\d+)\s*(minute|minutes|hour|hours|day|days)\s*\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Returns the next run time strictly after `after`, or undefined when the schedule has no more runs. */
export type NextRun = (after: number) => number | undefined;

export function scheduleOf(expression: string, start: number, timeZone = 'UTC'): NextRun {
  const rate = RATE.exec(expression.trim());
  if (rate) {
    const every = Number(rate[1]) * UNIT_MS[rate[2].replace(/s$/, '')];
    return after => (after < start ? start : start + (Math.floor((after - start) / every) + 1) * every);
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (!cron) throw new Error(`schedule expression ${expression} is neither rate(...) nor cron(...)`);
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron expression ${expression} must have six fields (minutes hours day-of-month month day-of-week year)`);
  const [minutes, hours, dom, month, dow, year] = fields;
  // AWS cron: '?' for "no specific value", day-of-week 1-7 = SUN-SAT; cron-parser: '*' and 0-6 = SUN-SAT.
  const weekday = dow.replace(/\d+/g, n => String((Number(n) + 6) % 7));
  const fiveFields = [minutes, hours, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : weekday].join(' ');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when first needed (heavy, or only used by some flows)
  const { CronExpressionParser } = require('cron-parser') as { CronExpressionParser: typeof CronParserType };
  return after => {
    let from = Math.max(after, start - 1);
    for (let i = 0; i < 1000; i++) {
      const next = CronExpressionParser.parse(fiveFields, { currentDate: new Date(from), tz: timeZone }).next().getTime();
      if (year === '*' || year === '?' || yearMatches(year, new Date(next).getUTCFullYear())) return next;
      from = next;
    }
    return undefined;
  };
}

function yearMatches(field: string, year: number): boolean {
  return field.split(',').some(part => {
    const [lo, hi] = part.split('-').map(Number);
    return hi === undefined ? year === lo : year >= lo && year <= hi;
  });
}
