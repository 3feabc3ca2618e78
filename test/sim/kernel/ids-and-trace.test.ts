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
  test('records events with the virtual time, in order, and reads like an array', () => {
    let now = 1000;
    const trace = new Trace({ now: () => now });
    trace.record('sqs', 'Q', 'sent', { messageId: 'm1' });
    now = 2000;
    trace.record('sns', 'T', 'published');
    expect(trace.length).toBe(2);
    expect([...trace].map(e => e.time)).toEqual([1000, 2000]);
    expect(trace.at(-1)).toMatchObject({ service: 'sns', resource: 'T', type: 'published' });
    expect(trace.filter({ service: 'sqs' })).toHaveLength(1);
    expect(trace.filter(e => e.time > 1500)).toHaveLength(1);
    expect(trace.some({ type: 'sent', resource: 'Q' })).toBe(true);
    expect(trace.summary()).toEqual(['sqs:Q:sent', 'sns:T:published']);
    expect(JSON.parse(JSON.stringify(trace))).toHaveLength(2);
  });

  test('channel events build their detail from the recorded value when read, once', () => {
    let now = 0;
    const trace = new Trace({ now: () => now });
    let built = 0;
    const delivered = trace.channel('sns', 'Sub', 'delivered', (messageId: string) => {
      built++;
      return { messageId, protocol: 'sqs' };
    });
    for (let i = 0; i < 3000; i++) {
      now = i;
      trace.emit(delivered, `m${i}`);
      if (i % 1000 === 0) trace.record('sqs', 'Q', 'sent', { messageIds: [`q${i}`] });
    }
    expect(built).toBe(0);
    expect(trace.length).toBe(3003);
    const last = trace.at(-1);
    expect(last).toEqual({ time: 2999, service: 'sns', resource: 'Sub', type: 'delivered', detail: { messageId: 'm2999', protocol: 'sqs' } });
    expect(trace.at(-1)).toBe(last);
    expect(trace.filter({ resource: 'Q' }).map(e => e.detail)).toEqual([{ messageIds: ['q0'] }, { messageIds: ['q1000'] }, { messageIds: ['q2000'] }]);
    expect(built).toBe(3000);
    expect(trace.summary({ type: 'sent' })).toEqual(['sqs:Q:sent', 'sqs:Q:sent', 'sqs:Q:sent']);
  });

  test('the same resource and type from two services are two kinds of event', () => {
    const trace = new Trace({ now: () => 0 });
    trace.record('sqs', 'R', 'denied');
    trace.record('iam', 'R', 'denied');
    trace.record('sqs', 'R', 'denied');
    expect(trace.summary()).toEqual(['sqs:R:denied', 'iam:R:denied', 'sqs:R:denied']);
  });

  test('a disabled trace records nothing', () => {
    const trace = new Trace({ now: () => 0 }, false);
    trace.record('sqs', 'Q', 'sent');
    trace.emit(trace.channel('sqs', 'Q', 'received', (id: string) => ({ id })), 'm1');
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
