import { DEDUPLICATION_INTERVAL_MS, DeduplicationWindow, contentBasedDeduplicationId } from '../../../src/sim/sqs/deduplication';

describe('FIFO deduplication window (SQS "exactly-once processing", SNS FIFO message deduplication)', () => {
  test('an id seen less than five minutes ago is a duplicate; at five minutes it is new again', () => {
    const window = new DeduplicationWindow<string>(false);
    window.remember('d1', 'g', 'first', 0);
    expect(window.duplicateOf('d1', 'other-group', DEDUPLICATION_INTERVAL_MS - 1)).toBe('first');
    expect(window.duplicateOf('d1', 'g', DEDUPLICATION_INTERVAL_MS)).toBeUndefined();
  });

  test('per message group (SQS DeduplicationScope messageGroup, SNS FifoThroughputScope MessageGroup): the same id in two groups is two messages', () => {
    const window = new DeduplicationWindow<string>(true);
    window.remember('d1', 'a', 'in a', 0);
    expect(window.duplicateOf('d1', 'a', 1000)).toBe('in a');
    expect(window.duplicateOf('d1', 'b', 1000)).toBeUndefined();
  });

  test('ids expire in the order they were remembered, whatever the order they are looked up', () => {
    const window = new DeduplicationWindow<number>(false);
    for (let i = 0; i < 10; i++) window.remember(`d${i}`, undefined, i, i * 60_000);
    const at = 9 * 60_000;
    expect(Array.from({ length: 10 }, (_, i) => window.duplicateOf(`d${i}`, undefined, at))).toEqual(
      [undefined, undefined, undefined, undefined, undefined, 5, 6, 7, 8, 9]);
  });

  test('content-based deduplication uses the SHA-256 of the body', () => {
    expect(contentBasedDeduplicationId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
