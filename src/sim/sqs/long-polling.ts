/**
 * Long polling (SQS developer guide: "Amazon SQS short and long polling"). A ReceiveMessage with WaitTimeSeconds (or
 * the queue's ReceiveMessageWaitTimeSeconds) on a queue with nothing to receive waits: "If a message is available, the
 * call returns sooner than WaitTimeSeconds", else it returns empty when the wait ends.
 *
 * The wait is virtual (kernel/virtual-wait.ts): it moves no time on its own. `sim.advance(ms)` moves the clock by
 * exactly `ms`, and a test that awaits the call while nothing else drives the clock has it driven until the call
 * returns. A call awaited inside a running task (a Lambda handler) cannot wait for the clock that runs it: it returns
 * what is available then and records `long-poll-not-waited`.
 */
import { ScheduledTask, virtualDeferred } from '../kernel';
import { SimContext } from '../runtime';
import { SqsQueue } from './queue';

/**
 * Waits until a message is receivable on `queue` (then calls `receive` at that virtual time) or `waitSeconds` pass.
 * The queue tells its consumers when a message may have become receivable (sent, or a delay or visibility timeout
 * ended; its wake-up task covers the latter), so the wait needs no polling.
 */
export function longPoll<T>(ctx: SimContext, queue: SqsQueue, waitSeconds: number, receive: () => T): Promise<T> {
  const clock = ctx.clock;
  const label = `sqs ReceiveMessage (WaitTimeSeconds ${waitSeconds}) on ${queue.logicalId}`;
  const result = virtualDeferred<T>(clock, {
    label,
    whenAwaitedInTask: () => {
      ctx.trace.record('sqs', queue.logicalId, 'long-poll-not-waited', { waitTimeSeconds: waitSeconds });
      finish(true);
    },
  });
  let check: ScheduledTask | undefined;
  const finish = (waitEnded: boolean): void => {
    const pendingCheck = check;
    check = undefined;
    if (result.settled) return;
    // Another consumer may have taken what arrived: keep waiting until the wait ends.
    if (!waitEnded && !queue.hasAvailableNow()) return;
    clock.cancel(deadline);
    clock.cancel(pendingCheck);
    unsubscribe();
    try {
      result.resolve(receive());
    } catch (err) {
      result.reject(err);
    }
  };
  // The receive runs in a task of its own, after whatever made the message available has finished.
  const unsubscribe = queue.onMessageAvailable(() => {
    if (check === undefined && !result.settled) check = clock.schedule(clock.now(), () => finish(false), { label });
  });
  const deadline = clock.schedule(clock.now() + waitSeconds * 1000, () => finish(true), { label });
  return result.promise;
}
