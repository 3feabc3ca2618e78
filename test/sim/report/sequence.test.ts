/**
 * sim.trace.toMermaid(): a run as a mermaid sequence diagram, from the event table (one entry per trace event type),
 * with virtual times, repeats collapsed into loops and a row limit.
 */
import { consumerTemplate } from './runs';
import { Simulator } from '../../../src/sim';
import { buildSequence, formatTime, sequenceMermaid } from '../../../src/sim/report/sequence';

/** A topic with two filtered queue subscriptions; `Refunds` has no queue policy, so SNS is denied. */
const topicTemplate = {
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
    Orders: { Type: 'AWS::SQS::Queue', Properties: {} },
    Refunds: { Type: 'AWS::SQS::Queue', Properties: {} },
    OrdersPolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Orders', 'Arn'] } }] },
      },
    },
    ToOrders: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Orders', 'Arn'] }, FilterPolicy: { kind: ['order'] } },
    },
    ToRefunds: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Refunds', 'Arn'] }, FilterPolicy: { kind: ['refund'] } },
    },
  },
};

const kind = (value: string) => ({ kind: { DataType: 'String', StringValue: value } });

async function poisonRun() {
  const sim = Simulator.fromTemplate(consumerTemplate, { stackName: 'Shop' });
  sim.lambda('Handler').handle(async () => {
    throw new Error('cannot parse order');
  });
  await sim.queue('Orders').sendMessage({ MessageBody: 'not json' });
  await sim.runUntilIdle();
  return sim;
}

describe('sim.trace.toMermaid()', () => {
  test('a poison message: received and failed until maxReceiveCount, then moved to the DLQ; the repeated cycle drawn once as a loop ×3', async () => {
    const sim = await poisonRun();
    expect(sim.trace.toMermaid()).toBe([
      'sequenceDiagram',
      '  participant client as client',
      '  participant p_Orders as Orders',
      '  participant p_Handler as Handler',
      '  participant p_OrdersDlq as OrdersDlq',
      '  client->>p_Orders: +0s SendMessage (1 message)',
      '  loop ×3 (+0s to +1m30s)',
      '    p_Orders-->>p_Handler: receive 1 message · invoke',
      '    Note over p_Handler: Error: cannot parse order',
      '    p_Handler--xp_Orders: batch failed (1 message)',
      '    Note over p_Orders: visible again (visibility timeout ended)',
      '  end',
      '  p_Orders->>p_OrdersDlq: +1m30s to DLQ after 3 receives',
    ].join('\n'));
  });

  test('{ collapse: false } draws every row; { limit } stops with one row saying how many events are left', async () => {
    const sim = await poisonRun();
    const full = sim.trace.toMermaid({ collapse: false });
    expect(full).not.toContain('loop');
    expect(full.match(/batch failed/g)).toHaveLength(3);
    const limited = sim.trace.toMermaid({ collapse: false, limit: 4 });
    const rows = limited.split('\n').filter(l => !/^(sequenceDiagram| {2}participant )/.test(l));
    expect(rows).toHaveLength(5);
    // The 4 rows shown stand for 5 events (sent; received and invoked, joined; the failure; batch failed); the rest are counted.
    expect(rows[4]).toBe(`  Note over client,p_Handler: ${sim.trace.length - 5} more events (+30s to +1m30s)`);
  });

  test('SNS: a publish from the client, a delivery per matching subscription (the queue\'s SendMessage joins it), filtered-out and denied deliveries crossed', async () => {
    const sim = Simulator.fromTemplate(topicTemplate, { stackName: 'Shop' });
    await sim.topic('Topic').publish({ Message: 'o-1', MessageAttributes: kind('order') });
    await sim.topic('Topic').publish({ Message: 'r-1', MessageAttributes: kind('refund') });
    await sim.runUntilIdle();
    expect(sim.trace.toMermaid({ times: 'none' })).toBe([
      'sequenceDiagram',
      '  participant client as client',
      '  participant p_Topic as Topic',
      '  participant p_Orders as Orders',
      '  participant p_Refunds as Refunds',
      '  client->>p_Topic: Publish',
      '  p_Topic->>p_Orders: deliver',
      '  p_Topic--xp_Refunds: filtered out',
      '  client->>p_Topic: Publish',
      '  p_Topic--xp_Orders: filtered out',
      '  p_Topic--xp_Refunds: denied sqs:SendMessage',
      '  p_Topic--xp_Refunds: delivery failed: AccessDenied',
      '  Note over p_Topic: dropped: delivery failed and the subscription has no dead-letter que…',
    ].join('\n'));
  });

  test('{ where } draws only the events the query selects (here: one queue\'s)', async () => {
    const sim = Simulator.fromTemplate(topicTemplate, { stackName: 'Shop' });
    await sim.topic('Topic').publish({ Message: 'o-1', MessageAttributes: kind('order') });
    await sim.runUntilIdle();
    expect(sim.trace.toMermaid({ where: { resource: 'Orders' }, times: 'none' })).toBe([
      'sequenceDiagram',
      '  participant client as client',
      '  participant p_Orders as Orders',
      '  client->>p_Orders: SendMessage (1 message)',
    ].join('\n'));
  });
});

describe('the event table', () => {
  const resources = new Map();
  const at = (ms: number) => Date.UTC(2024, 0, 1) + ms;

  test('an event type without an entry is drawn as a note with its type and first fields, never dropped', () => {
    const d = buildSequence([
      { time: at(0), service: 'stepfunctions', resource: 'Machine', type: 'state-entered', detail: { state: 'Reserve', executionArn: 'arn:x', nested: {} } },
    ], resources, at(0));
    expect(sequenceMermaid(d)).toBe([
      'sequenceDiagram',
      '  participant p_Machine as Machine',
      '  Note over p_Machine: +0s state-entered state=Reserve executionArn=arn:x',
    ].join('\n'));
  });

  test('quiet bookkeeping events draw nothing (they stay in the trace)', () => {
    const d = buildSequence([{ time: at(0), service: 'sqs', resource: 'Q', type: 'long-poll-not-waited', detail: { waitTimeSeconds: 20 } }], resources, at(0));
    expect(d.rows).toEqual([]);
  });

  test('text mermaid reads as syntax (# and ;) is written as entity codes', () => {
    const d = buildSequence([{ time: at(0), service: 'lambda', resource: 'F', type: 'invocation-failed', detail: { requestId: 'r', errorType: 'E', errorMessage: 'a;b #1' } }],
      resources, at(0), { times: 'none' });
    expect(sequenceMermaid(d)).toContain('Note over p_F: E: a#59;b #35;1');
  });

  test.each([
    [0, '+0s'], [250, '+250ms'], [12_500, '+12.5s'], [185_000, '+3m05s'], [7_380_000, '+2h03m'], [93_600_000, '+1d02h'],
  ])('virtual time %d ms after the start reads %s', (ms, text) => {
    expect(formatTime(at(ms), at(0), 'relative')).toBe(text);
  });

  test('absolute times are the UTC time of day', () => {
    expect(formatTime(at(3_723_004), at(0), 'absolute')).toBe('01:02:03.004');
  });
});
