import * as fc from 'fast-check';
import { run, simulate } from './helpers';
import { SeededIds } from '../../../src/sim/kernel';
import { retryDelayMs } from '../../../src/sim/stepfunctions/execution/retry';

const item = fc.record({ id: fc.integer({ min: 0, max: 1000 }), name: fc.string({ maxLength: 8 }), price: fc.integer({ min: 0, max: 500 }) });

describe('Property tests', () => {
  test('JSONPath and JSONata evaluations of the same transformation agree', async () => {
    await fc.assert(fc.asyncProperty(fc.array(item, { maxLength: 6 }), fc.string({ maxLength: 6 }), async (items, customer) => {
      const input = { customer, items };
      const jsonPath = await run({
        StartAt: 'P',
        States: { P: { Type: 'Pass', Parameters: { 'who.$': '$.customer', 'count.$': 'States.ArrayLength($.items)', 'first.$': '$.items[0:1]', 'ids.$': '$.items[*].id' }, End: true } },
      }, input);
      const jsonata = await run({
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Output: { who: '{% $states.input.customer %}', count: '{% $count($states.input.items) %}', first: '{% [$states.input.items[0]] %}', ids: '{% [$states.input.items.id] %}' },
            End: true,
          },
        },
      }, input);
      expect(jsonata.output).toEqual(jsonPath.output);
    }), { numRuns: 25 });
  });

  test('Map results preserve item order whatever MaxConcurrency', async () => {
    const waitsArb = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 });
    await fc.assert(fc.asyncProperty(waitsArb, fc.integer({ min: 0, max: 5 }), async (waits, limit) => {
      const sim = simulate({
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: limit,
            ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$', Next: 'P' }, P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      });
      const d = await sim.stateMachine('Machine').run({ input: JSON.stringify(waits) });
      expect(JSON.parse(d.output!)).toEqual(waits);
    }), { numRuns: 25 });
  });

  test('Retry waits never exceed MaxDelaySeconds', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1, max: 10, noNaN: true }),
      fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 30 }),
      fc.boolean(), fc.integer(),
      (interval, backoff, maxDelay, attempt, jitter, seed) => {
        const ids = new SeededIds(seed);
        const delay = retryDelayMs({ ErrorEquals: ['States.ALL'], IntervalSeconds: interval, BackoffRate: backoff, MaxDelaySeconds: maxDelay, MaxAttempts: 99, JitterStrategy: jitter ? 'FULL' : 'NONE' },
          attempt, () => ids.random());
        expect(delay).toBeDefined();
        expect(delay!).toBeLessThanOrEqual(maxDelay * 1000);
        expect(delay!).toBeGreaterThanOrEqual(0);
      },
    ));
  });
});
