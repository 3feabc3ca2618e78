/**
 * Durations as the simulator's API takes them: milliseconds, or an aws-cdk-lib `Duration` (anything with
 * `toMilliseconds()`), so a test reads `sim.advance(Duration.minutes(5))` as the stack reads its own timeouts.
 */

/** Milliseconds, or an aws-cdk-lib `Duration`. */
export type DurationInput = number | { toMilliseconds(opts?: object): number };

/** `duration` in milliseconds; throws naming `where` for a negative, non-finite or unresolved duration. */
export function toMilliseconds(duration: DurationInput, where: string): number {
  let ms: number;
  if (typeof duration === 'number') {
    ms = duration;
  } else if (duration && typeof duration.toMilliseconds === 'function') {
    try {
      // integral: false so Duration.seconds(1.5) is 1,500 ms rather than an error.
      ms = duration.toMilliseconds({ integral: false });
    } catch (err) {
      throw new Error(`${where}: the duration cannot be read (${(err as Error).message})`);
    }
  } else {
    throw new Error(`${where}: expected milliseconds or an aws-cdk-lib Duration, got ${typeof duration}`);
  }
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`${where}: the duration must be a finite number of milliseconds >= 0 (got ${ms})`);
  return ms;
}
