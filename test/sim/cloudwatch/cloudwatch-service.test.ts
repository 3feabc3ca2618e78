import { CloudWatchService } from '../../../src/sim/cloudwatch';
import { SnsPublishInput } from '../../../src/sim/runtime';
import { FakeContext, fakeContext, resource, TEST_START } from '../fixtures';
import { FakeQueue, fn, setupLambda } from '../lambda/helpers';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';
const MIN = 60_000;

function dlqAlarm(properties: Record<string, any> = {}) {
  return resource('AWS::CloudWatch::Alarm', 'DlqAlarm', {
    AlarmName: 'orders-dlq-not-empty',
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [TOPIC],
    ...properties,
  });
}

function setup(alarm = dlqAlarm(), queueName = 'orders-dlq') {
  const ctx = fakeContext({ resources: [alarm] });
  const queue = new FakeQueue(ctx, { name: queueName });
  const reported: string[] = [];
  (ctx as { reportUnsupported?: unknown }).reportUnsupported = (_id: string, _t: string, reason: string) => reported.push(reason);
  const cw = new CloudWatchService(ctx);
  cw.create(alarm);
  cw.link();
  return { ctx, queue, cw, h: cw.handle(alarm.logicalId), reported };
}

const published = (ctx: FakeContext) => ctx.deliveries.filter(d => d.service === 'sns').map(d => d.payload as SnsPublishInput);

describe('alarm state on SQS metrics', () => {
  test('a new alarm starts in INSUFFICIENT_DATA', () => {
    const { h } = setup();
    expect(h.state).toBe('INSUFFICIENT_DATA');
    expect(h.history).toEqual([]);
  });

  test('a message in the DLQ takes the alarm to ALARM at the next period boundary, and runUntilIdle stops once the state has settled', async () => {
    const { ctx, queue, h } = setup();
    await ctx.advance(30_000);
    queue.send('poison');
    const r = await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    expect(r.idle).toBe(true);
    expect(h.state).toBe('ALARM');
    expect(h.history).toEqual([{ time: TEST_START + MIN, oldState: 'INSUFFICIENT_DATA', newState: 'ALARM', reason: expect.any(String) }]);
    expect(h.stateReason).toBe('Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/01/24 00:00:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).');
    expect(r.now).toBeLessThan(TEST_START + 10 * MIN);
    expect(ctx.trace.summary({ service: 'cloudwatch' })).toEqual(['cloudwatch:DlqAlarm:alarm-state-changed', 'cloudwatch:DlqAlarm:alarm-action']);
  });

  test('the alarm action publishes CloudWatch\'s notification JSON to the SNS topic as cloudwatch.amazonaws.com', async () => {
    const { ctx, queue } = setup(dlqAlarm({ AlarmDescription: 'Messages are failing' }));
    queue.send('poison');
    await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    const sns = ctx.deliveries.filter(d => d.service === 'sns');
    expect(sns).toHaveLength(1);
    expect(sns[0].target).toBe(TOPIC);
    expect(sns[0].caller).toEqual({ principalType: 'Service', principal: 'cloudwatch.amazonaws.com', sourceArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-dlq-not-empty', sourceAccount: '123456789012', secureTransport: true });
    const input = sns[0].payload as SnsPublishInput;
    expect(input.Subject).toBe('ALARM: "orders-dlq-not-empty" in US East (N. Virginia)');
    const m = JSON.parse(input.Message);
    expect(Object.keys(m)).toEqual(['AlarmName', 'AlarmDescription', 'AWSAccountId', 'AlarmConfigurationUpdatedTimestamp', 'NewStateValue', 'NewStateReason', 'StateChangeTime',
      'Region', 'AlarmArn', 'OldStateValue', 'OKActions', 'AlarmActions', 'InsufficientDataActions', 'Trigger']);
    expect(m).toMatchObject({
      AlarmName: 'orders-dlq-not-empty',
      AlarmDescription: 'Messages are failing',
      AWSAccountId: '123456789012',
      AlarmConfigurationUpdatedTimestamp: '2024-01-01T00:00:00.000+0000',
      NewStateValue: 'ALARM',
      StateChangeTime: '2024-01-01T00:01:00.000+0000',
      Region: 'US East (N. Virginia)',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-dlq-not-empty',
      OldStateValue: 'INSUFFICIENT_DATA',
      OKActions: [],
      AlarmActions: [TOPIC],
      InsufficientDataActions: [],
    });
    expect(m.NewStateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints/);
    expect(m.Trigger).toEqual({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      StatisticType: 'Statistic',
      Statistic: 'MAXIMUM',
      Unit: null,
      Dimensions: [{ value: 'orders-dlq', name: 'QueueName' }],
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'missing',
      EvaluateLowSampleCountPercentile: '',
    });
  });

  test('when the queue empties the alarm returns to OK and runs its OK actions (actions run only on state changes)', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ OKActions: [TOPIC] }));
    queue.send('poison');
    await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    await ctx.advance(10 * MIN);
    expect(published(ctx).map(p => JSON.parse(p.Message).NewStateValue)).toEqual(['ALARM']);
    queue.delete(queue.receive(1)[0].ReceiptHandle);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(h.state).toBe('OK');
    expect(published(ctx).map(p => `${p.Subject}`)).toEqual(['ALARM: "orders-dlq-not-empty" in US East (N. Virginia)', 'OK: "orders-dlq-not-empty" in US East (N. Virginia)']);
    expect(h.history.map(e => e.newState)).toEqual(['ALARM', 'OK']);
    expect(h.stateReason).toMatch(/^Threshold Crossed: 1 datapoint \[0\.0 \(01\/01\/24 00:\d\d:00\)\] was not greater than or equal to the threshold \(1\.0\)\.$/);
  });

  test('an idle alarm does not keep runUntilIdle running, but advancing time evaluates it (an empty queue goes to OK)', async () => {
    const { ctx, h } = setup();
    const r = await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    expect(r).toMatchObject({ idle: true, now: TEST_START });
    expect(h.state).toBe('INSUFFICIENT_DATA');
    await ctx.advance(MIN);
    expect(h.state).toBe('OK');
  });

  test('DatapointsToAlarm 2 of EvaluationPeriods 3: one breaching minute is not enough, two are', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ EvaluationPeriods: 3, DatapointsToAlarm: 2 }));
    await ctx.advance(3 * MIN); // three good datapoints: OK
    expect(h.state).toBe('OK');
    queue.send('a');
    await ctx.advance(MIN); // one breaching minute
    queue.delete(queue.receive(1)[0].ReceiptHandle);
    await ctx.advance(3 * MIN);
    expect(h.state).toBe('OK');
    queue.send('b');
    await ctx.advance(2 * MIN); // two breaching minutes
    expect(h.state).toBe('ALARM');
    expect(h.stateReason).toMatch(/^Threshold Crossed: 2 out of the last 3 datapoints \[1\.0 \(.*\), 1\.0 \(.*\)\] were greater than or equal to the threshold \(1\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/);
  });

  test('Period 300 aggregates five one-minute samples with the statistic (Sum of NumberOfMessagesSent)', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ MetricName: 'NumberOfMessagesSent', Statistic: 'Sum', Period: 300, Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }] }));
    for (let minute = 0; minute < 5; minute++) {
      queue.send('x');
      if (minute < 1) queue.send('y');
      await ctx.advance(MIN);
    }
    expect(h.state).toBe('ALARM'); // 6 sent in the 5-minute period > 5
    await ctx.advance(5 * MIN);
    expect(h.state).toBe('OK'); // nothing sent: Sum 0
  });

  test('ApproximateAgeOfOldestMessage: the alarm fires when the age crosses the threshold, with no other event (runUntilIdle waits for it)', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 600, ComparisonOperator: 'GreaterThanThreshold' }));
    queue.send('stuck');
    const r = await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    expect(h.state).toBe('ALARM');
    expect(h.history.at(-1)!.time).toBe(TEST_START + 11 * MIN);
    expect(r.idle).toBe(true);
  });

  test('a Unit that differs from the metric\'s unit finds no data (TreatMissingData decides)', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ Unit: 'Seconds', TreatMissingData: 'breaching' }));
    await ctx.advance(MIN);
    queue.send('x');
    expect(h.state).toBe('ALARM');
  });

  test('ActionsEnabled false changes state without running actions', async () => {
    const { ctx, queue, h } = setup(dlqAlarm({ ActionsEnabled: 'false' }));
    queue.send('poison');
    await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    expect(h.state).toBe('ALARM');
    expect(ctx.deliveries).toHaveLength(0);
  });

  test('a refused publish (topic policy) shows as alarm-action-failed', async () => {
    const { ctx, queue } = setup();
    ctx.stubOutcome = { ok: false, errorName: 'AuthorizationError', errorMessage: 'denied', deniedByPolicy: true };
    queue.send('poison');
    await ctx.clock.runUntilIdle(TEST_START + 86_400_000);
    expect(ctx.trace.find({ type: 'alarm-action-failed' })?.detail).toMatchObject({ action: TOPIC, error: 'AuthorizationError' });
  });
});

describe('TreatMissingData on a Lambda Errors alarm (no invocations: no datapoints)', () => {
  function lambdaAlarm(treatMissingData: string) {
    const alarm = resource('AWS::CloudWatch::Alarm', 'Errors', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'Worker' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: treatMissingData,
    });
    const { ctx, lambda } = setupLambda([fn('Worker')]);
    const cw = new CloudWatchService(ctx);
    ctx.add(alarm);
    cw.create(alarm);
    cw.link();
    return { ctx, lambda, h: cw.handle('Errors') };
  }

  test.each([
    ['missing', 'INSUFFICIENT_DATA'],
    ['notBreaching', 'OK'],
    ['breaching', 'ALARM'],
    ['ignore', 'INSUFFICIENT_DATA'],
  ])('with no invocations, %s gives %s', async (treat, expected) => {
    const { ctx, h } = lambdaAlarm(treat);
    await ctx.advance(5 * MIN);
    expect(h.state).toBe(expected);
  });

  test('a failed invocation takes the Errors alarm to ALARM; with notBreaching, the next minute without errors brings it back to OK', async () => {
    const { ctx, lambda, h } = lambdaAlarm('notBreaching');
    const worker = lambda.handle('Worker').handle((e: { fail?: boolean }) => {
      if (e.fail) throw new Error('boom');
    });
    await worker.invoke({ Payload: '{"fail":true}' });
    await ctx.advance(MIN);
    expect(h.state).toBe('ALARM');
    await worker.invoke({ Payload: '{}' });
    await ctx.advance(MIN);
    expect(h.state).toBe('OK');
    // runUntilIdle carries an alarm to the state it settles in: here ALARM, then OK once no error datapoint remains.
    await worker.invoke({ Payload: '{"fail":true}' });
    const r = await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(r.idle).toBe(true);
    expect(h.history.map(e => e.newState)).toEqual(['ALARM', 'OK', 'ALARM', 'OK']);
  });

  test('ignore keeps the current state while data is missing', async () => {
    const { ctx, lambda, h } = lambdaAlarm('ignore');
    const worker = lambda.handle('Worker').handle(() => {
      throw new Error('boom');
    });
    await worker.invoke();
    await ctx.advance(MIN);
    expect(h.state).toBe('ALARM');
    await ctx.advance(30 * MIN);
    expect(h.state).toBe('ALARM');
  });
});

describe('what the simulator does not evaluate, and what AWS refuses', () => {
  test.each([
    ['percentile statistics', { Statistic: undefined, ExtendedStatistic: 'p99' }, /ExtendedStatistic p99/, true],
    ['anomaly detection', { ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', ThresholdMetricId: 'ad1' }, /anomaly detection/, true],
    ['metric math', { MetricName: undefined, Statistic: undefined, Period: undefined, Metrics: [{ Id: 'm1', Expression: 'SUM(METRICS())' }] }, /metric math/, true],
    ['other namespaces', { Namespace: 'AWS/ApiGateway', MetricName: '5XXError' }, /namespace AWS\/ApiGateway/, true],
    ['unknown queues', { Dimensions: [{ Name: 'QueueName', Value: 'imported' }] }, /queue imported is not in the template/, true],
    ['non-SNS actions (the alarm itself is evaluated)', { AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] }, /only SNS topic actions/, false],
  ])('%s are reported as unsupported', (_name, props, reason, alarmUnsupported) => {
    const { h, reported } = setup(dlqAlarm(props));
    expect(reported.some(r => reason.test(r))).toBe(true);
    if (alarmUnsupported) {
      expect(h.unsupported).toMatch(reason);
      expect(() => h.state).toThrow(/is not simulated/);
    } else {
      expect(h.state).toBe('INSUFFICIENT_DATA');
    }
  });

  test.each([
    ['DatapointsToAlarm above EvaluationPeriods', { DatapointsToAlarm: 2 }, /DatapointsToAlarm \(2\) must be less than or equal to EvaluationPeriods \(1\)/],
    ['a Period that is not 10, 20, 30 or a multiple of 60', { Period: 45 }, /Period must be 10, 20, 30, or a multiple of 60/],
    ['an evaluation range over one day', { Period: 3000, EvaluationPeriods: 30, DatapointsToAlarm: 1 }, /must not exceed one day/],
    ['neither Statistic nor ExtendedStatistic', { Statistic: undefined }, /Must specify either Statistic or ExtendedStatistic/],
    ['an unknown comparison operator', { ComparisonOperator: 'Above' }, /comparisonOperator/],
    ['an unknown TreatMissingData', { TreatMissingData: 'zero' }, /TreatMissingData must be one of/],
  ])('%s fails to load', (_name, props, message) => {
    expect(() => setup(dlqAlarm(props))).toThrow(message);
  });
});
