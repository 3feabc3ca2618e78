/**
 * A queue's one task on the virtual clock. Nothing happens to a stored message on its own in the simulator: the queue
 * catches up with the clock whenever it is used, and keeps this single task at its next deadline (a delay or visibility
 * timeout ending, a retention period ending) so that what falls due happens at its virtual time even when nobody
 * calls, whatever the number of messages (never a task per message).
 *
 * The task is a foreground task while someone waits for a message to become visible (an event source mapping or a
 * long poll: `runUntilIdle` then runs until it), and a background task otherwise (retention, alarms reading metrics),
 * which does not keep `runUntilIdle` going.
 */
import { ScheduledTask, VirtualClock } from '../kernel';

export class WakeUp {
  private task: ScheduledTask | undefined;

  constructor(private readonly clock: VirtualClock, private readonly label: string, private readonly wake: () => void) {}

  /** Keeps the task at `at` (none when undefined). */
  public set(at: number | undefined, background: boolean): void {
    const task = this.task;
    const unchanged = task !== undefined && !task.cancelled && at !== undefined && task.at === Math.max(at, this.clock.now());
    if (unchanged && task.background === background) return;
    this.clock.cancel(task);
    this.task = at === undefined ? undefined : this.clock.schedule(at, () => {
      this.task = undefined;
      this.wake();
    }, { label: this.label, background });
  }
}
