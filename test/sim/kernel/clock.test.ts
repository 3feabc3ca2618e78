import { VirtualClock } from '../../../src/sim/kernel';

const T0 = Date.UTC(2024, 0, 1);

describe('VirtualClock', () => {
  test('tasks run in (time, scheduling order) and the clock reads each task\'s time while it runs', async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 20, () => { seen.push(`b@${clock.now() - T0}`); });
    clock.schedule(T0 + 10, () => { seen.push(`a@${clock.now() - T0}`); });
    clock.schedule(T0 + 20, () => { seen.push(`c@${clock.now() - T0}`); });
    await clock.advanceTo(T0 + 100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(T0 + 100);
  });

  test('advanceTo runs only what is due by the target time (inclusive)', async () => {
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    clock.schedule(T0 + 50, () => { seen.push(50); });
    clock.schedule(T0 + 51, () => { seen.push(51); });
    await clock.advanceTo(T0 + 50);
    expect(seen).toEqual([50]);
    expect(clock.nextTaskTime()).toBe(T0 + 51);
  });

  test('a task scheduled in the past runs now; a task may schedule more work that runs in the same advance', async () => {
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    clock.schedule(T0 - 1000, () => {
      seen.push(clock.now() - T0);
      clock.schedule(clock.now() + 5, () => { seen.push(clock.now() - T0); });
    });
    await clock.advanceTo(T0 + 10);
    expect(seen).toEqual([0, 5]);
  });

  test('a cancelled task never runs and no longer counts as pending foreground work', async () => {
    const clock = new VirtualClock(T0);
    let ran = false;
    const task = clock.schedule(T0 + 10, () => { ran = true; });
    expect(clock.pendingForeground).toBe(1);
    clock.cancel(task);
    clock.cancel(task);
    expect(clock.pendingForeground).toBe(0);
    await clock.advanceTo(T0 + 100);
    expect(ran).toBe(false);
  });

  test('cancelling a task after it ran changes nothing', async () => {
    const clock = new VirtualClock(T0);
    const task = clock.schedule(T0 + 1, () => undefined);
    clock.schedule(T0 + 2, () => undefined);
    await clock.advanceTo(T0 + 1);
    clock.cancel(task);
    expect(clock.pendingForeground).toBe(1);
  });

  test('runUntilIdle stops when no foreground task is left; background tasks alone do not keep it running', async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 10, () => { seen.push('fg'); });
    clock.schedule(T0 + 5, () => { seen.push('bg-early'); }, { background: true });
    clock.schedule(T0 + 1000, () => { seen.push('bg-late'); }, { background: true });
    const result = await clock.runUntilIdle(T0 + 1_000_000);
    expect(seen).toEqual(['bg-early', 'fg']);
    expect(result).toEqual({ idle: true, now: T0 + 10, tasksRun: 2 });
  });

  test('runUntilIdle stops at the bound when foreground work keeps coming, and reports idle: false', async () => {
    const clock = new VirtualClock(T0);
    const tick = () => { clock.schedule(clock.now() + 100, tick); };
    tick();
    const result = await clock.runUntilIdle(T0 + 1000);
    expect(result.idle).toBe(false);
    expect(result.now).toBe(T0 + 1000);
    expect(result.tasksRun).toBe(10);
  });

  test('async tasks are awaited before the next task runs', async () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.schedule(T0 + 1, async () => {
      await Promise.resolve();
      seen.push('first-done');
    });
    clock.schedule(T0 + 2, () => { seen.push('second'); });
    await clock.advanceTo(T0 + 5);
    expect(seen).toEqual(['first-done', 'second']);
  });

  test('driveUntil stops as soon as the condition holds (a long poll that got a message), else at the deadline', async () => {
    const clock = new VirtualClock(T0);
    let arrived = false;
    clock.schedule(T0 + 3000, () => { arrived = true; });
    clock.schedule(T0 + 5000, () => undefined);
    await clock.driveUntil(T0 + 20_000, () => arrived);
    expect(clock.now()).toBe(T0 + 3000);
    await clock.driveUntil(T0 + 20_000, () => false);
    expect(clock.now()).toBe(T0 + 20_000);
  });

  test('a task cannot drive the clock itself (it would re-enter the event loop)', async () => {
    const clock = new VirtualClock(T0);
    let error: unknown;
    clock.schedule(T0 + 1, async () => {
      try {
        await clock.advanceTo(T0 + 10);
      } catch (e) {
        error = e;
      }
    });
    await clock.advanceTo(T0 + 2);
    expect(String(error)).toMatch(/already running/);
    expect(clock.isRunning).toBe(false);
  });

  test('ten thousand tasks scheduled in random order run sorted (heap order)', async () => {
    const clock = new VirtualClock(T0);
    const times: number[] = [];
    let x = 12345;
    for (let i = 0; i < 10_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      clock.schedule(T0 + (x % 100_000), () => { times.push(clock.now()); });
    }
    await clock.advanceTo(T0 + 100_000);
    expect(times).toHaveLength(10_000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  });
});
