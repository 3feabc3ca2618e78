/**
 * Where an alarm's metric comes from. SQS metrics (namespace AWS/SQS, dimension QueueName) are read from the queue
 * through `QueueAccess.metric`: the Approximate* metrics are gauges sampled once a minute, the NumberOf* metrics are
 * counters whose per-minute datapoint is the difference of the queue's cumulative totals. Lambda metrics
 * (AWS/Lambda, dimension FunctionName: Invocations, Errors, Throttles) are counters that have a datapoint only in
 * minutes with an invocation or a throttle, as Lambda publishes nothing for an idle function. Step Functions metrics
(AWS/States, dimension StateMachineArn: ExecutionsStarted/Succeeded/Failed/TimedOut/Aborted) are counters of the same
kind, read through `ServiceDirectory.stepfunctions`.
 * A Unit on the alarm that differs from the metric's unit finds no data, as in CloudWatch.
 */
import { AlarmConfig } from './alarm-config';
import { ServiceDirectory } from '../runtime';

export interface MetricSource {
  readonly kind: 'gauge' | 'counter';
  readonly unit: string;
  /** ApproximateAgeOfOldestMessage grows with time, without any event, while the queue holds a message. */
  readonly growsWithTime: boolean;
  /** The gauge now, or the counter's cumulative total; undefined when there is no data. */
  read(): number | undefined;
  /** Cumulative activity for counters that publish only when active (undefined: every minute has a datapoint). */
  activity?(): number;
  /** Called when the metric may have changed; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

const SQS_METRICS: Readonly<Record<string, { kind: 'gauge' | 'counter'; unit: string }>> = {
  ApproximateNumberOfMessagesVisible: { kind: 'gauge', unit: 'Count' },
  ApproximateNumberOfMessagesNotVisible: { kind: 'gauge', unit: 'Count' },
  ApproximateNumberOfMessagesDelayed: { kind: 'gauge', unit: 'Count' },
  ApproximateAgeOfOldestMessage: { kind: 'gauge', unit: 'Seconds' },
  NumberOfMessagesSent: { kind: 'counter', unit: 'Count' },
  NumberOfMessagesReceived: { kind: 'counter', unit: 'Count' },
  NumberOfMessagesDeleted: { kind: 'counter', unit: 'Count' },
  NumberOfEmptyReceives: { kind: 'counter', unit: 'Count' },
};

const LAMBDA_METRICS = ['Invocations', 'Errors', 'Throttles'];

/** The alarm's metric source, or the reason the simulator has none. */
export function resolveMetricSource(config: AlarmConfig, services: ServiceDirectory): MetricSource | string {
  const dimension = (name: string) => config.dimensions.find(d => d.Name === name)?.Value;
  if (config.namespace === 'AWS/SQS') {
    const spec = SQS_METRICS[config.metricName];
    if (!spec) return `the SQS metric ${config.metricName} is not simulated (supported: ${Object.keys(SQS_METRICS).join(', ')})`;
    const queueName = dimension('QueueName');
    if (queueName === undefined || config.dimensions.length !== 1) return 'AWS/SQS alarms are simulated with exactly one dimension, QueueName';
    const queue = services.sqs.queueByName(queueName);
    if (!queue) return `queue ${queueName} is not in the template`;
    const unitMismatch = config.unit !== undefined && config.unit !== spec.unit;
    return {
      kind: spec.kind,
      unit: spec.unit,
      read: () => (unitMismatch ? undefined : queue.metric(config.metricName)),
      subscribe: listener => (queue.onMetricChange ? queue.onMetricChange(listener) : queue.onMessageAvailable(listener)),
      growsWithTime: config.metricName === 'ApproximateAgeOfOldestMessage',
    };
  }
  if (config.namespace === 'AWS/Lambda') {
    if (!LAMBDA_METRICS.includes(config.metricName)) return `the Lambda metric ${config.metricName} is not simulated (supported: ${LAMBDA_METRICS.join(', ')})`;
    const functionName = dimension('FunctionName');
    if (functionName === undefined || config.dimensions.length !== 1) return 'AWS/Lambda alarms are simulated with exactly one dimension, FunctionName';
    const lambda = services.lambda;
    if (!lambda.functionMetric || lambda.functionMetric(functionName, 'Invocations') === undefined) return `function ${functionName} is not in the template`;
    const unitMismatch = config.unit !== undefined && config.unit !== 'Count';
    return {
      kind: 'counter',
      unit: 'Count',
      read: () => (unitMismatch ? undefined : lambda.functionMetric!(functionName, config.metricName)),
      activity: () => (lambda.functionMetric!(functionName, 'Invocations') ?? 0) + (lambda.functionMetric!(functionName, 'Throttles') ?? 0),
      subscribe: listener => (lambda.onFunctionMetricChange ? lambda.onFunctionMetricChange(functionName, listener) : () => undefined),
      growsWithTime: false,
    };
  }
  if (config.namespace === 'AWS/States') return stateMachineMetricSource(config, services);
  return `metrics in namespace ${config.namespace || '(none)'} are not simulated (supported: AWS/SQS, AWS/Lambda, AWS/States)`;
}

const STATES_METRICS = ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'];

/** Step Functions execution counters (AWS/States, dimension StateMachineArn): datapoints only in minutes with activity. */
function stateMachineMetricSource(config: AlarmConfig, services: ServiceDirectory): MetricSource | string {
  if (!STATES_METRICS.includes(config.metricName)) return `the Step Functions metric ${config.metricName} is not simulated (supported: ${STATES_METRICS.join(', ')})`;
  const arn = config.dimensions.find(d => d.Name === 'StateMachineArn')?.Value;
  if (arn === undefined || config.dimensions.length !== 1) return 'AWS/States alarms are simulated with exactly one dimension, StateMachineArn';
  const sfn = services.stepfunctions;
  if (!sfn || sfn.stateMachineMetric(arn, 'ExecutionsStarted') === undefined) return `state machine ${arn} is not in the template`;
  const unitMismatch = config.unit !== undefined && config.unit !== 'Count';
  return {
    kind: 'counter',
    unit: 'Count',
    read: () => (unitMismatch ? undefined : sfn.stateMachineMetric(arn, config.metricName)),
    activity: () => STATES_METRICS.reduce((sum, m) => sum + (sfn.stateMachineMetric(arn, m) ?? 0), 0),
    subscribe: listener => sfn.onStateMachineMetricChange(arn, listener),
    growsWithTime: false,
  };
}
