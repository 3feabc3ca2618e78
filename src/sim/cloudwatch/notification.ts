/**
 * What CloudWatch writes when an alarm changes state: the state reason ("Threshold Crossed: 2 out of the last 3
 * datapoints [5.0 (01/01/24 00:04:00), ...] were greater than or equal to the threshold (1.0) ...") and the JSON
 * message an SNS alarm action publishes (AlarmName, AlarmDescription, AWSAccountId,
 * AlarmConfigurationUpdatedTimestamp, NewStateValue, NewStateReason, StateChangeTime, Region, AlarmArn,
 * OldStateValue, OKActions, AlarmActions, InsufficientDataActions, Trigger{...}) with the subject
 * `ALARM: "name" in US East (N. Virginia)`. Numbers are printed as Java does (1 -> 1.0), times as CloudWatch does.
 */
import { AlarmConfig } from './alarm-config';
import { AlarmState, ComparisonOperator, Evaluation } from './evaluate';

const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ca-central-1': 'Canada (Central)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'me-south-1': 'Middle East (Bahrain)',
  'sa-east-1': 'South America (Sao Paulo)',
};

/** The region's long name as alarm notifications show it (the code itself for regions not listed). */
export function regionName(region: string): string {
  return REGION_NAMES[region] ?? region;
}

const PHRASES: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Java's Double.toString for ordinary magnitudes: integers keep a `.0`. */
export function javaDouble(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** `dd/MM/yy HH:mm:ss` in UTC, as datapoints appear in state reasons. */
export function datapointTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** `2024-01-01T00:05:00.000+0000`, the timestamp format of alarm notifications. */
export function notificationTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function stateReason(config: AlarmConfig, e: Evaluation, from: AlarmState): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (e.state === 'INSUFFICIENT_DATA') {
    return `Insufficient Data: ${plural(config.evaluationPeriods, 'datapoint')} ${config.evaluationPeriods === 1 ? 'was' : 'were'} unknown.`;
  }
  const phrase = PHRASES[config.comparison];
  const threshold = javaDouble(config.threshold);
  const points = e.evaluated.map(d => `${javaDouble(d.value as number)} (${datapointTime(d.time)})`).join(', ');
  if (e.allMissing) {
    const treated = config.treatMissingData === 'breaching' ? 'breaching' : 'not breaching';
    return `Threshold Crossed: no datapoints were received for ${plural(config.evaluationPeriods, 'period')} and ${plural(config.evaluationPeriods, 'missing datapoint')} were treated as [${treated}].`;
  }
  if (e.state === 'ALARM') {
    const m = config.datapointsToAlarm;
    return `Threshold Crossed: ${e.breaching} out of the last ${e.considered} datapoints [${points}] ${e.breaching === 1 ? 'was' : 'were'} ${phrase} the threshold (${threshold})`
      + ` (minimum ${plural(m, 'datapoint')} for ${from === 'ALARM' ? 'OK' : from} -> ALARM transition).`;
  }
  const good = e.considered - e.breaching;
  return `Threshold Crossed: ${plural(good, 'datapoint')} [${points}] ${good === 1 ? 'was' : 'were'} not ${phrase} the threshold (${threshold}).`;
}

export interface AlarmMessageInput {
  readonly config: AlarmConfig;
  readonly account: string;
  readonly region: string;
  readonly createdAt: number;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly reason: string;
  readonly time: number;
}

/** The SNS message body of an alarm action, in CloudWatch's field order. */
export function alarmMessage(i: AlarmMessageInput): string {
  const c = i.config;
  return JSON.stringify({
    AlarmName: c.name,
    AlarmDescription: c.description ?? null,
    AWSAccountId: i.account,
    AlarmConfigurationUpdatedTimestamp: notificationTime(i.createdAt),
    NewStateValue: i.to,
    NewStateReason: i.reason,
    StateChangeTime: notificationTime(i.time),
    Region: regionName(i.region),
    AlarmArn: c.arn,
    OldStateValue: i.from,
    OKActions: c.okActions,
    AlarmActions: c.alarmActions,
    InsufficientDataActions: c.insufficientDataActions,
    Trigger: {
      MetricName: c.metricName,
      Namespace: c.namespace,
      StatisticType: 'Statistic',
      Statistic: c.statistic.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      Unit: c.unit ?? null,
      Dimensions: c.dimensions.map(d => ({ value: d.Value, name: d.Name })),
      Period: c.periodSeconds,
      EvaluationPeriods: c.evaluationPeriods,
      DatapointsToAlarm: c.datapointsToAlarm,
      ComparisonOperator: c.comparison,
      Threshold: c.threshold,
      TreatMissingData: c.treatMissingData,
      EvaluateLowSampleCountPercentile: '',
    },
  });
}

/** `ALARM: "name" in US East (N. Virginia)`, cut to SNS's 100-character subject limit. */
export function alarmSubject(state: AlarmState, name: string, region: string): string {
  return `${state}: "${name}" in ${regionName(region)}`.slice(0, 100);
}
