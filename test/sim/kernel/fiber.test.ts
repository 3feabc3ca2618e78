import { VirtualClock } from '../../../src/sim/kernel';

const T0 = Date.UTC(2024, 0, 1);

describe('fibers: async work that waits in virtual time', () => {
  test('a fiber sleeps in virtual time: a one-year sleep costs no real time and the clock reads each wake-up time', async () => {
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    const done = clock.spawn('year', async fiber => {
      seen.push(fiber.now() - T0);
      await fiber.sleep(365 * 86_400_000);
      seen.push(fiber.now() - T0);
      return 'woke';
    });
    const started = Date.now();
    const result = await clock.runUntilIdle(T0 + 400 * 86_400_000);
    expect(await done).toBe('woke');
    expect(seen).toEqual([0, 365 * 86_400_000]);
    expect(result.idle).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('two fibers interleave in virtual-time order, and advance stops between their steps', async () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    void clock.spawn('a', async f => { await f.sleep(10); log.push(`a@${f.now() - T0}`); await f.sleep(20); log.push(`a@${f.now() - T0}`); });
    void clock.spawn('b', async f => { await f.sleep(15); log.push(`b@${f.now() - T0}`); });
    await clock.advanceTo(T0 + 20);
    expect(log).toEqual(['a@10', 'b@15']);
    expect(clock.now()).toBe(T0 + 20);
    await clock.advanceTo(T0 + 30);
    expect(log).toEqual(['a@10', 'b@15', 'a@30']);
  });

  test('wait(): a fiber waiting for child fibers resumes at the virtual time the last child finishes', async () => {
    const clock = new VirtualClock(T0);
    const parent = clock.spawn('parent', async f => {
      const children = [5, 50, 20].map(ms => clock.spawn(`child-${ms}`, async c => { await c.sleep(ms); return ms; }));
      const results = await f.wait(Promise.all(children));
      return { results, at: f.now() - T0 };
    });
    await clock.runUntilIdle(T0 + 1000);
    expect(await parent).toEqual({ results: [5, 50, 20], at: 50 });
  });

  test('wait(): a promise settled from outside the clock resumes the fiber only when the clock next runs', async () => {
    const clock = new VirtualClock(T0);
    let settle!: (v: string) => void;
    const external = new Promise<string>(resolve => { settle = resolve; });
    let got: string | undefined;
    void clock.spawn('callback', async f => { got = await f.wait(external); });
    await clock.runUntilIdle(T0 + 1000);
    expect(got).toBeUndefined();
    expect(clock.pendingForeground).toBe(0); // waiting for a callback is idle, as in AWS
    settle('token-result');
    await Promise.resolve();
    expect(got).toBeUndefined();
    await clock.runUntilIdle(T0 + 1000);
    expect(got).toBe('token-result');
  });

  test('an error thrown in a fiber rejects its promise and the clock goes on', async () => {
    const clock = new VirtualClock(T0);
    const failing = clock.spawn('failing', async f => { await f.sleep(1); throw new Error('boom'); });
    const other = clock.spawn('other', async f => { await f.sleep(2); return 'ok'; });
    await clock.runUntilIdle(T0 + 100);
    await expect(failing).rejects.toThrow('boom');
    await expect(other).resolves.toBe('ok');
  });
});
