/**
 * What a running thread of an execution (the execution itself, a Parallel branch, a Map iteration) carries: the state
 * machine, the execution, its fiber on the virtual clock, its history thread, its variables and its abort scope.
 */
import { AbortScope } from './abort';
import { History, HistoryEventType } from './history';
import type { StateRun } from './state-run';
import type { TaskTokens } from './task-tokens';
import { VariableScope } from './variables';
import type { Fiber, ScheduledTask } from '../../kernel';
import type { SimContext } from '../../runtime';
import type { StatesError } from '../errors';
import type { IntrinsicContext } from '../intrinsics/types';
import type { JsonataEngine } from '../jsonata/evaluate';
import type { Json, PathCache } from '../paths/jsonpath';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A state definition as the ASL JSON gives it (the validator has checked its shape). */
export type StateDef = Record<string, any>;

/** `StartAt` and `States` (a definition, a Parallel branch, a Map ItemProcessor), with its query language. */
export interface Block {
  readonly StartAt: string;
  readonly States: Record<string, StateDef>;
  readonly QueryLanguage?: QueryLanguage;
  /** A Map ItemProcessor's mode and child execution type. */
  readonly ProcessorConfig?: { readonly Mode?: 'INLINE' | 'DISTRIBUTED'; readonly ExecutionType?: 'STANDARD' | 'EXPRESS' };
}

/** Runs a Task state's resource (integrations/). */
export interface TaskRunner {
  run(call: TaskCall): Promise<Json>;
}

export interface TaskCall {
  readonly resource: string;
  readonly input: Json;
  readonly env: RunEnv;
  readonly stateName: string;
  /** The task token, for `.waitForTaskToken` resources. */
  readonly taskToken?: string;
  /** Arguments history events show (`parameters`). */
  readonly credentials?: Json;
  /** Called on each heartbeat (SendTaskHeartbeat) for `.waitForTaskToken` tasks. */
  readonly heartbeat: () => void;
  /** Records a history event on the task's thread (TaskStarted, TaskSubmitted, ...). */
  event(type: HistoryEventType, detailsKey: string, details: Record<string, unknown>): void;
}

/** What every execution of one state machine shares. */
export interface MachineRuntime {
  readonly ctx: SimContext;
  readonly logicalId: string;
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  readonly definition: Block & { readonly TimeoutSeconds?: number };
  readonly paths: PathCache;
  readonly jsonata: JsonataEngine;
  readonly intrinsics: IntrinsicContext;
  readonly tasks: TaskRunner;
  readonly tokens: TaskTokens;
  /** Called after every state run, with its inspection (the service records it in the trace). */
  readonly observe?: (run: StateRun, outcome: { next?: string; error?: StatesError }) => void;
}

/** The Context object's `Execution` part, fixed for the execution. */
export interface ExecutionInfo {
  readonly arn: string;
  readonly name: string;
  /** Set once for a Distributed Map child execution, whose input is its item after ItemSelector. */
  input: Json;
  readonly startTime: string;
  readonly roleArn: string;
  redriveCount: number;
  redriveTime?: string;
}

export interface MapItemInfo {
  readonly Index: number;
  readonly Value: Json;
  readonly Key?: string;
  readonly Source?: string;
}

export class RunEnv {
  /** The id of this thread's last history event. */
  public lastEventId: number;

  constructor(
    public readonly machine: MachineRuntime,
    public readonly execution: ExecutionInfo,
    public readonly fiber: Fiber,
    public readonly history: History,
    public readonly variables: VariableScope,
    public readonly abort: AbortScope,
    lastEventId: number,
    public readonly mapItem?: MapItemInfo,
  ) {
    this.lastEventId = lastEventId;
  }

  /** Records a history event on this thread. */
  public event(type: HistoryEventType, detailsKey?: string, details?: Record<string, unknown>): number {
    this.lastEventId = this.history.add(type, this.lastEventId, detailsKey, details);
    return this.lastEventId;
  }

  /** A thread for a branch or an iteration: its own variables scope and abort scope, chained from this thread's last event. */
  public child(fiber: Fiber, mapItem?: MapItemInfo): RunEnv {
    const abort = new AbortScope(this.abort);
    return new RunEnv(this.machine, this.execution, fiber, this.history, this.variables.child(), abort, this.lastEventId, mapItem);
  }

  /** This thread seen with `$$.Map.Item` set: the Map state's ItemSelector reads the item in its own scope. */
  public withItem(mapItem: MapItemInfo): RunEnv {
    return new RunEnv(this.machine, this.execution, this.fiber, this.history, this.variables, this.abort, this.lastEventId, mapItem);
  }

  public now(): number {
    return this.machine.ctx.clock.now();
  }

  /** Waits `ms` of virtual time; a stop wakes the thread at once and cancels the timer. */
  public async sleep(ms: number): Promise<void> {
    const clock = this.machine.ctx.clock;
    let remove = (): void => undefined;
    const timer = new Promise<void>((resolve, reject) => {
      const task: ScheduledTask = clock.schedule(clock.now() + Math.max(0, ms), resolve, { label: `stepfunctions ${this.execution.name}` });
      remove = this.abort.onAbort(reason => {
        clock.cancel(task);
        reject(reason);
      });
    });
    try {
      await this.fiber.wait(timer);
    } finally {
      remove();
    }
  }

  /** Waits for `work` (another service's answer, child threads); a stop wakes the thread at once. */
  public wait<T>(work: Promise<T>): Promise<T> {
    return this.fiber.wait(this.abort.race(work));
  }

  /** Throws the stop reason when this thread has been stopped. */
  public checkAborted(): void {
    const reason = this.abort.aborted;
    if (reason) throw reason;
  }
}
