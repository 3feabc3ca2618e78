/**
 * How a metric alarm decides its state from its datapoints ("Alarm evaluation" and "Configuring how CloudWatch
 * alarms treat missing data" in the CloudWatch user guide):
 * - CloudWatch reads an evaluation range a little longer than EvaluationPeriods (N). When at least N datapoints in
 *   the range are real, it evaluates the most recent N real ones and TreatMissingData plays no part.
 * - When none is real: `missing` -> INSUFFICIENT_DATA, `ignore` -> the state is kept, `breaching` -> ALARM,
 *   `notBreaching` -> OK.
 * - Otherwise the last N periods are evaluated with every real datapoint in them, and missing ones filled as few
 *   times as possible: as breaching (`breaching`), as good (`notBreaching`), or not at all (`missing`, `ignore`).
 * - ALARM when at least DatapointsToAlarm (M) of them breach. With `missing` / `ignore` the alarm also goes to ALARM
 *   early when the oldest breaching datapoint of the last N periods is at least M periods old and every more recent
 *   one is breaching or missing ("avoiding premature transitions to alarm state", applied as the guide words it).
 * - Otherwise OK.
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
export type ComparisonOperator = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export interface EvaluationConfig {
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
}

/** A period's datapoint: its start time and value, or undefined when the period has no data. */
export interface Datapoint {
  readonly time: number;
  readonly value: number | undefined;
}

export interface Evaluation {
  readonly state: AlarmState;
  /** The datapoints the decision used, most recent first (real values only). */
  readonly evaluated: readonly Datapoint[];
  /** How many of the evaluated periods breached (missing ones filled as breaching included). */
  readonly breaching: number;
  /** How many periods were considered (N, or fewer when data is missing and not filled). */
  readonly considered: number;
  readonly allMissing: boolean;
}

export function breaches(value: number, threshold: number, op: ComparisonOperator): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/**
 * @param range the evaluation range, oldest first (its length is at least EvaluationPeriods)
 * @param current the alarm's state before this evaluation
 */
export function evaluateAlarm(range: readonly Datapoint[], config: EvaluationConfig, current: AlarmState): Evaluation {
  const n = config.evaluationPeriods;
  const m = config.datapointsToAlarm;
  const real = range.filter(d => d.value !== undefined);
  const breach = (d: Datapoint) => breaches(d.value as number, config.threshold, config.comparison);

  if (real.length >= n) {
    const evaluated = real.slice(-n).reverse();
    const count = evaluated.filter(breach).length;
    return { state: count >= m ? 'ALARM' : 'OK', evaluated, breaching: count, considered: n, allMissing: false };
  }
  if (real.length === 0) {
    const state: AlarmState = config.treatMissingData === 'missing' ? 'INSUFFICIENT_DATA'
      : config.treatMissingData === 'ignore' ? current
        : config.treatMissingData === 'breaching' ? 'ALARM' : 'OK';
    return { state, evaluated: [], breaching: config.treatMissingData === 'breaching' ? n : 0, considered: n, allMissing: true };
  }

  // Some data is missing: the last N periods, with every real datapoint of the range counted.
  const window = range.slice(-n);
  const evaluated = real.slice().reverse();
  const realBreaching = real.filter(breach).length;
  const missingInWindow = window.filter(d => d.value === undefined).length;
  // Missing datapoints are used only to fill the window up to N, never beyond the real ones already counted.
  const fill = Math.max(0, Math.min(missingInWindow, n - real.length));
  if (config.treatMissingData === 'breaching' || config.treatMissingData === 'notBreaching') {
    const count = realBreaching + (config.treatMissingData === 'breaching' ? fill : 0);
    return { state: count >= m ? 'ALARM' : 'OK', evaluated, breaching: count, considered: real.length + fill, allMissing: false };
  }
  if (realBreaching >= m) return { state: 'ALARM', evaluated, breaching: realBreaching, considered: real.length, allMissing: false };
  if (prematureAlarm(window, m, breach)) return { state: 'ALARM', evaluated, breaching: realBreaching, considered: real.length, allMissing: false };
  return { state: 'OK', evaluated, breaching: realBreaching, considered: real.length, allMissing: false };
}

/** The oldest breaching datapoint of the window is at least M periods old and nothing newer is good. */
function prematureAlarm(window: readonly Datapoint[], m: number, breach: (d: Datapoint) => boolean): boolean {
  let oldestBreachAge = -1;
  for (let i = 0; i < window.length; i++) {
    const d = window[i];
    if (d.value === undefined) continue;
    if (breach(d)) {
      if (oldestBreachAge < 0) oldestBreachAge = window.length - i; // 1 = the most recent period
    } else if (oldestBreachAge >= 0) {
      return false; // a good datapoint after the first breach
    }
  }
  if (oldestBreachAge < m) return false;
  // Everything before the oldest breach in the window does not matter; nothing after it was good (checked above).
  return true;
}
