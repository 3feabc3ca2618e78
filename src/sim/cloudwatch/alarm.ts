/**
 * One metric alarm: its minute samples, the datapoint of each period (the alarm's statistic over the samples in
 * it), its state (INSUFFICIENT_DATA at creation) and history. Sampling: one sample per minute at the minute's end
 * (a gauge's value then; a counter's increase during the minute), stamped with the minute's start, as CloudWatch
 * stamps one-minute datapoints; evaluation at each period boundary over the evaluation range.
 */
import { AlarmConfig } from './alarm-config';
import { AlarmState, breaches, Datapoint, evaluateAlarm, Evaluation } from './evaluate';
import { MetricSource } from './metric-source';

export const MINUTE_MS = 60_000;

export interface AlarmHistoryEntry {
  /** Virtual epoch ms of the change. */
  readonly time: number;
  readonly oldState: AlarmState;
  readonly newState: AlarmState;
  readonly reason: string;
}

export interface StateChange {
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly evaluation: Evaluation;
}

export class SimAlarm {
  public state: AlarmState = 'INSUFFICIENT_DATA';
  public stateReason = 'Unchecked: Initial alarm creation';
  public readonly history: AlarmHistoryEntry[] = [];
  /** Virtual time until which state changes may still come from the last metric change (foreground ticks). */
  public foregroundUntil = Number.NEGATIVE_INFINITY;
  public settled = true;
  public source?: MetricSource;
  /** Why the alarm cannot be evaluated (set from the configuration or when no metric source exists). */
  public unsupported?: string;
  private readonly samples: Datapoint[] = [];
  private lastTotal?: number;
  private lastActivity?: number;

  constructor(public readonly config: AlarmConfig, public readonly createdAt: number) {
    this.unsupported = config.unsupported;
  }

  /** Periods in the evaluation range: a little longer than EvaluationPeriods, as CloudWatch reads it. */
  public get rangePeriods(): number {
    return this.config.evaluationPeriods + 2;
  }

  /** How long after a metric change the state can still move: the whole range, plus the minute being sampled. */
  public get settleSpanMs(): number {
    return (this.rangePeriods + 1) * this.config.periodSeconds * 1000 + MINUTE_MS;
  }

  public attach(source: MetricSource): void {
    this.source = source;
    if (source.kind === 'counter') {
      this.lastTotal = source.read();
      this.lastActivity = source.activity?.();
    }
  }

  /** Records the sample of the minute that ends at `end`. */
  public sample(end: number): void {
    const source = this.source!;
    let value: number | undefined;
    if (source.kind === 'gauge') {
      value = source.read();
    } else {
      const total = source.read();
      if (total !== undefined) {
        value = total - (this.lastTotal ?? 0);
        this.lastTotal = total;
      }
      if (source.activity) {
        const activity = source.activity();
        if (activity === this.lastActivity) value = undefined; // no invocation this minute: no datapoint
        this.lastActivity = activity;
      }
    }
    this.samples.push({ time: end - MINUTE_MS, value });
    const keepFrom = end - this.rangePeriods * this.config.periodSeconds * 1000;
    while (this.samples.length > 0 && this.samples[0].time < keepFrom) this.samples.shift();
  }

  /** The evaluation range of period datapoints ending at `end`, oldest first. */
  public range(end: number): Datapoint[] {
    const periodMs = this.config.periodSeconds * 1000;
    const out: Datapoint[] = [];
    for (let k = this.rangePeriods - 1; k >= 0; k--) {
      const start = end - (k + 1) * periodMs;
      const stop = start + periodMs;
      const values: number[] = [];
      for (const s of this.samples) if (s.time >= start && s.time < stop && s.value !== undefined) values.push(s.value);
      out.push({ time: start, value: aggregate(values, this.config.statistic) });
    }
    return out;
  }

  /** Evaluates at the period boundary `end`; returns the state change, if any. */
  public evaluate(end: number): StateChange | undefined {
    const evaluation = evaluateAlarm(this.range(end), this.config, this.state);
    if (evaluation.state === this.state) return undefined;
    const change = { from: this.state, to: evaluation.state, evaluation };
    this.state = evaluation.state;
    return change;
  }

  /**
   * True when, with no further activity, the alarm would stay in its current state: a gauge keeps its current
   * value, a counter adds nothing (0, or no datapoint for Lambda). An age that is still growing toward a
   * Greater* threshold is not settled.
   */
  public isSettled(): boolean {
    const source = this.source;
    if (!source) return true;
    const steady = source.kind === 'gauge' ? source.read() : source.activity ? undefined : 0;
    const c = this.config;
    let expected: AlarmState;
    if (steady === undefined) {
      expected = c.treatMissingData === 'missing' ? 'INSUFFICIENT_DATA'
        : c.treatMissingData === 'ignore' ? this.state
          : c.treatMissingData === 'breaching' ? 'ALARM' : 'OK';
    } else {
      expected = breaches(steady, c.threshold, c.comparison) ? 'ALARM' : 'OK';
    }
    if (expected !== this.state) return false;
    return !this.ageStillRising();
  }

  /** Virtual time at which a growing age reaches the threshold, when it has not yet. */
  public ageCrossingAt(now: number): number | undefined {
    if (!this.ageStillRising()) return undefined;
    const age = this.source!.read() as number;
    return now + (this.config.threshold - age + 1) * 1000;
  }

  private ageStillRising(): boolean {
    const source = this.source;
    if (!source?.growsWithTime) return false;
    const age = source.read();
    const c = this.config;
    const rising = c.comparison === 'GreaterThanThreshold' || c.comparison === 'GreaterThanOrEqualToThreshold';
    return rising && age !== undefined && age > 0 && !breaches(age, c.threshold, c.comparison);
  }
}

function aggregate(values: number[], statistic: AlarmConfig['statistic']): number | undefined {
  if (values.length === 0) return undefined;
  switch (statistic) {
    case 'SampleCount':
      return values.length;
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
  }
}
