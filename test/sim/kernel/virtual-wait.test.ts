import { VirtualClock, virtualDeferred } from '../../../src/sim/kernel';

const T0 = Date.UTC(2024, 0, 1);

/** A wait that settles when the clock reaches `at` (a stand-in for a long poll's end). */
function waitUntil(clock: VirtualClock, at: number) {
  const wait = virtualDeferred<number>(clock, { label: 'test wait' });
  clock.schedule(at, () => wait.resolve(clock.now()));
  return wait;
}

describe('virtual waits: calls that settle in virtual time', () => {
  test('awaited while nothing drives the clock, the clock is driven until the call settles, and no further', async () => {
    const clock = new VirtualClock(T0);
    clock.schedule(T0 + 50_000, () => undefined);
    const at = await waitUntil(clock, T0 + 20_000).promise;
    expect(at).toBe(T0 + 20_000);
    expect(clock.now()).toBe(T0 + 20_000);
  });

  test('started but not awaited, a wait moves no time: advance(ms) moves the clock by exactly ms', async () => {
    const clock = new VirtualClock(T0);
    const wait = waitUntil(clock, T0 + 20_000);
    await clock.advanceTo(T0 + 5_000);
    expect(clock.now()).toBe(T0 + 5_000);
    expect(wait.settled).toBe(false);
    wait.resolve(-1); // settled by something else (a message arriving)
    expect(await wait.promise).toBe(-1);
    expect(clock.now()).toBe(T0 + 5_000);
  });

  test('awaited together with an advance the test runs, the advance drives and the wait looks again when it ends', async () => {
    const clock = new VirtualClock(T0);
    const wait = virtualDeferred<string>(clock, { label: 'test wait' });
    const [value] = await Promise.all([
      wait.promise,
      (async () => {
        await clock.advanceTo(T0 + 5_000);
        wait.resolve(`settled at ${clock.now() - T0}`);
      })(),
    ]);
    expect(value).toBe('settled at 5000');
  });

  test('awaited inside a running task, the owner decides at once (whenAwaitedInTask)', async () => {
    const clock = new VirtualClock(T0);
    let seen: string | undefined;
    clock.schedule(T0 + 1, async () => {
      const wait = virtualDeferred<string>(clock, { label: 'in task', whenAwaitedInTask: () => wait.resolve('now') });
      seen = await wait.promise;
    });
    await clock.runUntilIdle(T0 + 10);
    expect(seen).toBe('now');
  });

  test('a wait nothing can settle rejects with a message naming the call instead of hanging', async () => {
    const clock = new VirtualClock(T0);
    const wait = virtualDeferred<string>(clock, { label: 'sfn StartSyncExecution on Orders' });
    await expect(wait.promise).rejects.toThrow('sfn StartSyncExecution on Orders: cannot complete: nothing scheduled on the virtual clock can settle it');
  });
});
