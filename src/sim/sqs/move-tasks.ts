/**
 * Dead-letter queue redrive: StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask. Messages move
 * from a dead-letter queue back to the queues they were dead-lettered from, or to a DestinationArn. Without
 * MaxNumberOfMessagesPerSecond the whole backlog moves when the task starts (AWS chooses its own rate); with it, the
 * task moves that many messages per virtual second on the clock.
 */
import { ScheduledTask } from '../kernel';
import { SimContext } from '../runtime';
import {
  invalidParameter,
  invalidParameterValue,
  missingParameter,
  resourceNotFound,
  unsupportedOperation,
} from './errors';
import { SqsQueue } from './queue';
import { isQueueArn } from './queue-config';
import { ListMessageMoveTasksResultEntry } from './types';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

interface MoveTask {
  readonly taskHandle: string;
  status: MoveTaskStatus;
  readonly source: SqsQueue;
  readonly destination?: SqsQueue;
  readonly rate?: number;
  readonly toMove: number;
  moved: number;
  failureReason?: string;
  readonly startedAt: number;
  clockTask?: ScheduledTask;
}

export class MessageMoveTasks {
  private readonly tasks: MoveTask[] = [];

  constructor(
    private readonly ctx: SimContext,
    private readonly queueByArn: (arn: string) => SqsQueue | undefined,
    private readonly isDeadLetterQueue: (queue: SqsQueue) => boolean,
  ) {}

  public start(sourceArn: string | undefined, destinationArn?: string, rate?: number): string {
    if (!sourceArn) throw missingParameter('SourceArn');
    const source = this.resolve(sourceArn, 'SourceArn');
    if (!this.isDeadLetterQueue(source)) throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    let destination: SqsQueue | undefined;
    if (destinationArn !== undefined && destinationArn !== null) {
      destination = this.resolve(destinationArn, 'DestinationArn');
      if (destination === source) throw invalidParameterValue('Source queue and destination queue cannot be the same.');
    }
    if (rate !== undefined && rate !== null && (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw invalidParameter('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500.');
    }
    if (this.tasks.some(t => t.source === source && (t.status === 'RUNNING' || t.status === 'CANCELLING'))) {
      throw unsupportedOperation('There is already a task running. Only one active task is allowed for each source queue arn at a given time.');
    }
    const task: MoveTask = {
      taskHandle: this.ctx.ids.token(64),
      status: 'RUNNING',
      source,
      destination,
      rate: rate ?? undefined,
      toMove: source.visibleCount(),
      moved: 0,
      startedAt: this.ctx.clock.now(),
    };
    this.tasks.push(task);
    this.ctx.trace.record('sqs', source.logicalId, 'message-move-task-started', {
      taskHandle: task.taskHandle, destination: destination?.logicalId, toMove: task.toMove,
    });
    if (task.rate === undefined) {
      this.step(task, task.toMove);
    } else {
      this.scheduleNext(task);
    }
    return task.taskHandle;
  }

  public list(sourceArn: string | undefined, maxResults?: number): ListMessageMoveTasksResultEntry[] {
    if (!sourceArn) throw missingParameter('SourceArn');
    const source = this.resolve(sourceArn, 'SourceArn');
    const max = maxResults ?? 1;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidParameter('MaxResults', max, 'Must be between 1 and 10.');
    }
    const out: ListMessageMoveTasksResultEntry[] = [];
    for (let i = this.tasks.length - 1; i >= 0 && out.length < max; i--) {
      const t = this.tasks[i];
      if (t.source !== source) continue;
      out.push({
        TaskHandle: t.status === 'RUNNING' ? t.taskHandle : undefined,
        Status: t.status,
        SourceArn: t.source.arn,
        DestinationArn: t.destination?.arn,
        MaxNumberOfMessagesPerSecond: t.rate,
        ApproximateNumberOfMessagesMoved: t.moved,
        ApproximateNumberOfMessagesToMove: t.toMove,
        FailureReason: t.failureReason,
        StartedTimestamp: t.startedAt,
      });
    }
    return out;
  }

  /** The source queue of a task (to authorize CancelMessageMoveTask against it). */
  public sourceOf(taskHandle: string): SqsQueue | undefined {
    return this.tasks.find(t => t.taskHandle === taskHandle)?.source;
  }

  public cancel(taskHandle: string | undefined): number {
    if (!taskHandle) throw missingParameter('TaskHandle');
    const task = this.tasks.find(t => t.taskHandle === taskHandle);
    if (!task) throw resourceNotFound('TaskHandle');
    if (task.status !== 'RUNNING') throw unsupportedOperation(`Only a RUNNING task can be cancelled (the task is ${task.status}).`);
    this.ctx.clock.cancel(task.clockTask);
    task.status = 'CANCELLED';
    this.ctx.trace.record('sqs', task.source.logicalId, 'message-move-task-cancelled', { taskHandle, moved: task.moved });
    return task.moved;
  }

  private resolve(arn: string, parameter: string): SqsQueue {
    if (!isQueueArn(arn)) {
      throw invalidParameterValue(`You must use this format to specify the ${parameter}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`);
    }
    const queue = this.queueByArn(arn);
    if (!queue) throw resourceNotFound(parameter);
    return queue;
  }

  /** Moves up to `count` visible messages; completes the task when the backlog counted at start has moved. */
  private step(task: MoveTask, count: number): void {
    const batch = task.source.takeVisibleForMove(Math.max(0, Math.min(count, task.toMove - task.moved)));
    for (let i = 0; i < batch.length; i++) {
      const m = batch[i];
      const target = task.destination ?? (m.deadLetterSourceArn !== undefined ? this.queueByArn(m.deadLetterSourceArn) : undefined);
      if (!target) {
        // This message was sent to the dead-letter queue directly: it has no source to go back to. Put it and the rest
        // of the batch back and fail the task, as AWS does for a redrive it cannot complete.
        for (let j = i; j < batch.length; j++) task.source.acceptMoved(batch[j], 'dead-letter', batch[j].deadLetterSourceArn);
        task.status = 'FAILED';
        task.failureReason = `Message ${m.messageId} was not moved to the dead-letter queue from a source queue; specify DestinationArn to redrive it.`;
        this.ctx.trace.record('sqs', task.source.logicalId, 'message-move-task-failed', { taskHandle: task.taskHandle, messageId: m.messageId });
        return;
      }
      target.acceptMoved(m, 'redrive', undefined);
      task.moved++;
      this.ctx.trace.record('sqs', task.source.logicalId, 'redriven', { messageId: m.messageId, destination: target.logicalId });
    }
    if (task.moved >= task.toMove || batch.length === 0) {
      task.status = 'COMPLETED';
      this.ctx.trace.record('sqs', task.source.logicalId, 'message-move-task-completed', { taskHandle: task.taskHandle, moved: task.moved });
    }
  }

  private scheduleNext(task: MoveTask): void {
    const at = this.ctx.clock.now() + (task.moved === 0 ? 0 : 1000);
    task.clockTask = this.ctx.clock.schedule(at, () => {
      task.clockTask = undefined;
      if (task.status !== 'RUNNING') return;
      this.step(task, task.rate as number);
      if (task.status === 'RUNNING') this.scheduleNext(task);
    }, { label: `sqs:${task.source.logicalId}:message-move-task` });
  }
}
