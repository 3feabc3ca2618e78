/**
 * AWS::CloudWatch::Alarm properties, validated as PutMetricAlarm validates them. Alarms the simulator cannot
 * evaluate (metric math, percentiles, anomaly detection, metrics it has no source for) load with `unsupported` set:
 * they are listed in `sim.unsupported` and reading their state throws, naming the reason.
 */
import { ComparisonOperator, TreatMissingData } from './evaluate';
import { TemplateLoadError } from '../kernel';
import { SimEnvironment, TemplateResource } from '../runtime';
import { optionalBoolean, optionalInteger, optionalNumber, optionalString } from '../template/properties';

export type Statistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';

export interface AlarmConfig {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly statistic: Statistic;
  readonly unit?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
  /** Why the simulator cannot evaluate this alarm, when it cannot. */
  readonly unsupported?: string;
}

const STATISTICS: readonly Statistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const COMPARISONS: readonly ComparisonOperator[] = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const ANOMALY_COMPARISONS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const TREATMENTS: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

export function parseAlarm(r: TemplateResource, env: SimEnvironment): AlarmConfig {
  const p = r.properties;
  const id = r.logicalId;
  const fail = (message: string): never => {
    throw new TemplateLoadError(id, 'ValidationError', message);
  };
  const name = r.ref;
  const arn = r.attributes.Arn ?? `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:${name}`;
  let unsupported: string | undefined;
  const unsupportedIf = (condition: boolean, reason: string) => {
    if (condition && unsupported === undefined) unsupported = reason;
  };

  const comparisonRaw = optionalString(id, 'ComparisonOperator', p.ComparisonOperator);
  if (comparisonRaw === undefined) fail('ComparisonOperator is required');
  const anomaly = ANOMALY_COMPARISONS.includes(comparisonRaw!);
  if (!anomaly && !COMPARISONS.includes(comparisonRaw as ComparisonOperator)) {
    fail(`1 validation error detected: Value '${comparisonRaw}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [${[...COMPARISONS, ...ANOMALY_COMPARISONS].join(', ')}]`);
  }
  unsupportedIf(anomaly || p.ThresholdMetricId !== undefined, `anomaly detection alarms (${comparisonRaw}) are not simulated`);

  const evaluationPeriods = optionalInteger(id, 'EvaluationPeriods', p.EvaluationPeriods, 1, Number.MAX_SAFE_INTEGER);
  if (evaluationPeriods === undefined) fail('EvaluationPeriods is required');
  const datapointsToAlarm = optionalInteger(id, 'DatapointsToAlarm', p.DatapointsToAlarm, 1, Number.MAX_SAFE_INTEGER) ?? evaluationPeriods!;
  if (datapointsToAlarm > evaluationPeriods!) fail(`DatapointsToAlarm (${datapointsToAlarm}) must be less than or equal to EvaluationPeriods (${evaluationPeriods})`);

  unsupportedIf(p.Metrics !== undefined, 'metric math alarms (Metrics) are not simulated');
  unsupportedIf(p.ExtendedStatistic !== undefined, `percentile statistics (ExtendedStatistic ${p.ExtendedStatistic}) are not simulated`);
  let statistic: Statistic = 'Average';
  let periodSeconds = 60;
  if (p.Metrics === undefined) {
    if (p.MetricName === undefined) fail('MetricName is required when Metrics is not given');
    if (p.Statistic === undefined && p.ExtendedStatistic === undefined) fail('Must specify either Statistic or ExtendedStatistic');
    if (p.Statistic !== undefined && p.ExtendedStatistic !== undefined) fail('Statistic and ExtendedStatistic cannot both be specified');
    if (p.Statistic !== undefined) {
      if (!STATISTICS.includes(p.Statistic)) fail(`1 validation error detected: Value '${p.Statistic}' at 'statistic' failed to satisfy constraint: Member must satisfy enum value set: [${STATISTICS.join(', ')}]`);
      statistic = p.Statistic;
    }
    const period = optionalInteger(id, 'Period', p.Period, 1, Number.MAX_SAFE_INTEGER);
    if (period === undefined) fail('Period is required');
    if (![10, 20, 30].includes(period!) && period! % 60 !== 0) fail(`The parameter Period must be 10, 20, 30, or a multiple of 60 (got ${period})`);
    periodSeconds = period!;
    const limit = periodSeconds >= 3600 ? 7 * 86400 : 86400;
    if (periodSeconds * evaluationPeriods! > limit) {
      fail(`The evaluation period (Period ${periodSeconds} x EvaluationPeriods ${evaluationPeriods}) must not exceed ${limit === 86400 ? 'one day' : 'seven days'}`);
    }
    unsupportedIf(periodSeconds < 60, `high-resolution periods (${periodSeconds} s) are not simulated: metrics are sampled once a minute`);
  }

  const threshold = optionalNumber(id, 'Threshold', p.Threshold);
  if (threshold === undefined && !anomaly) fail('Threshold is required');
  const treatMissingData = (optionalString(id, 'TreatMissingData', p.TreatMissingData) ?? 'missing') as TreatMissingData;
  if (!TREATMENTS.includes(treatMissingData)) fail(`TreatMissingData must be one of ${TREATMENTS.join(', ')} (got ${treatMissingData})`);

  const actions = (property: string): string[] => {
    const v = p[property];
    if (v === undefined) return [];
    if (!Array.isArray(v)) fail(`${property} must be a list`);
    if (v.length > 5) fail(`${property} can hold at most 5 actions (got ${v.length})`);
    return v.map(String);
  };

  return {
    logicalId: id,
    name,
    arn,
    description: optionalString(id, 'AlarmDescription', p.AlarmDescription),
    namespace: String(p.Namespace ?? ''),
    metricName: String(p.MetricName ?? ''),
    dimensions: Array.isArray(p.Dimensions) ? p.Dimensions.map((d: any) => ({ Name: String(d.Name), Value: String(d.Value) })) : [],
    statistic,
    unit: optionalString(id, 'Unit', p.Unit),
    periodSeconds,
    evaluationPeriods: evaluationPeriods!,
    datapointsToAlarm,
    threshold: threshold ?? 0,
    comparison: (anomaly ? 'GreaterThanThreshold' : comparisonRaw) as ComparisonOperator,
    treatMissingData,
    actionsEnabled: optionalBoolean(id, 'ActionsEnabled', p.ActionsEnabled) ?? true,
    alarmActions: actions('AlarmActions'),
    okActions: actions('OKActions'),
    insufficientDataActions: actions('InsufficientDataActions'),
    unsupported,
  };
}
