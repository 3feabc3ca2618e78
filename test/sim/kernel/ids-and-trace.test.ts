import { AwsError, SeededIds, TemplateLoadError, Trace } from '../../../src/sim/kernel';

describe('SeededIds', () => {
  test('the same seed gives the same sequence; another seed another', () => {
    const a = new SeededIds(42);
    const b = new SeededIds(42);
    const c = new SeededIds(43);
    const seqA = [a.uuid(), a.hex(16), a.token(20), a.suffix(13)];
    expect([b.uuid(), b.hex(16), b.token(20), b.suffix(13)]).toEqual(seqA);
    expect(c.uuid()).not.toBe(seqA[0]);
  });

  test('uuid has the version-4 layout SQS and SNS message ids use', () => {
    const ids = new SeededIds(1);
    for (let i = 0; i < 100; i++) expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('suffix uses upper-case letters and digits; random() is in [0, 1)', () => {
    const ids = new SeededIds(9);
    expect(ids.suffix(40)).toMatch(/^[A-Z0-9]{40}$/);
    for (let i = 0; i < 1000; i++) {
      const r = ids.random();
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
    }
  });
});

describe('Trace', () => {
  /** A small event map for the tests (the simulator's is SimEvents). */
  interface Events {
    sent: { messageId: string };
    published: { messageId: string };
    denied: { action: string };
  }

  test('records events with the virtual time, in order, and reads like an array', () => {
    let now = 1000;
    const trace = new Trace<Events>({ now: () => now });
    trace.record('sqs', 'Q', 'sent', { messageId: 'm1' });
    now = 2000;
    trace.record('sns', 'T', 'published', { messageId: 'p1' });
    expect(trace.length).toBe(2);
    expect([...trace].map(e => e.time)).toEqual([1000, 2000]);
    expect(trace.at(-1)).toMatchObject({ service: 'sns', resource: 'T', type: 'published' });
    expect(trace.filter({ service: 'sqs' })).toHaveLength(1);
    expect(trace.filter(e => e.time > 1500)).toHaveLength(1);
    expect(trace.some({ type: 'sent', resource: 'Q' })).toBe(true);
    expect(trace.summary()).toEqual(['sqs:Q:sent', 'sns:T:published']);
    expect(JSON.parse(JSON.stringify(trace))).toHaveLength(2);
  });

  test('a query selects by type (one or several), resource and service, and its events carry the typed detail', () => {
    const trace = new Trace<Events>({ now: () => 0 });
    trace.record('sqs', 'R', 'denied', { action: 'sqs:SendMessage' });
    trace.record('iam', 'R', 'denied', { action: 'sqs:ReceiveMessage' });
    trace.record('sqs', 'Q', 'sent', { messageId: 'm1' });
    const denied = trace.filter({ type: 'denied', service: 'sqs' });
    expect(denied.map(e => e.detail.action)).toEqual(['sqs:SendMessage']);
    expect(trace.count({ type: ['denied', 'sent'] })).toBe(3);
    expect(trace.count({ resource: 'R' })).toBe(2);
    expect(trace.summary({ resource: 'R' })).toEqual(['sqs:R:denied', 'iam:R:denied']);
  });

  test('an event type that does not exist is a compile error', () => {
    const trace = new Trace<Events>({ now: () => 0 });
    // @ts-expect-error 'denid' is not an event type
    expect(trace.some({ type: 'denid' })).toBe(false);
  });

  test('a disabled trace records nothing', () => {
    const trace = new Trace<Events>({ now: () => 0 }, false);
    trace.record('sqs', 'Q', 'sent', { messageId: 'm1' });
    expect(trace.length).toBe(0);
    expect(trace.isEnabled).toBe(false);
  });
});

describe('AwsError', () => {
  test('has the SDK v3 shape: name, message, $fault, $metadata.httpStatusCode', () => {
    const e = new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', { code: 'AWS.SimpleQueueService.NonExistentQueue' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'QueueDoesNotExist', $fault: 'client', $metadata: { httpStatusCode: 400 }, Code: 'AWS.SimpleQueueService.NonExistentQueue' });
    expect(new AwsError('InternalError', 'x', { fault: 'server' }).$metadata.httpStatusCode).toBe(500);
  });

  test('TemplateLoadError names the logical id', () => {
    const e = new TemplateLoadError('Queue', 'ValidationError', 'bad');
    expect(e.message).toBe('Queue: bad');
    expect(e.logicalId).toBe('Queue');
  });
});
