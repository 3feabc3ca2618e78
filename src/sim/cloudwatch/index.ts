export { CloudWatchService } from './cloudwatch-service';
export { AlarmHandle } from './handle';
export type { AlarmHistoryEntry } from './alarm';
export type { AlarmState, ComparisonOperator, TreatMissingData } from './evaluate';
export { evaluateAlarm } from './evaluate';
export type { AlarmConfig, Statistic } from './alarm-config';
