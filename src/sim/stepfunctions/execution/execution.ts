/**
 * One execution of a state machine: its record (what DescribeExecution answers), its history, and its run as a fiber
 * on the virtual clock, from ExecutionStarted to ExecutionSucceeded / Failed / TimedOut / Aborted. The execution's
 * TimeoutSeconds (and Express workflows' five-minute limit) is a timer that stops it with States.Timeout; a redrive
 * (RedriveExecution) runs it again from the state that did not succeed, with that state's input and the variables as
 * they were when it was entered.
 */
import { AbortScope, ExecutionStopped } from './abort';
import { ExecutionInfo, MachineRuntime, RunEnv } from './env';
import { History, NOT_TRUNCATED } from './history';
import { runBlock } from './run-block';
import { VariableScope } from './variables';
import { StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Express workflows run at most five minutes ("Standard vs. Express workflows"). */
export const EXPRESS_MAX_MS = 5 * 60 * 1000;

export class Execution {
  public status: ExecutionStatus = 'RUNNING';
  public readonly startDate: Date;
  public stopDate?: Date;
  public output?: string;
  public error?: string;
  public cause?: string;
  public redriveDate?: Date;
  public readonly history: History;
  public readonly info: ExecutionInfo;
  private env?: RunEnv;
  private readonly endListeners: Array<() => void> = [];
  /** The top-level state last entered, with its input and the variables then: where a redrive starts. */
  private lastEntered?: { name: string; input: Json; variables: Record<string, Json> };
  private variables = new VariableScope();

  constructor(
    public readonly machine: MachineRuntime,
    public readonly arn: string,
    public readonly name: string,
    public readonly input: string,
    /** `input` parsed (StartExecution has parsed it to validate it). */
    parsedInput: Json,
    private readonly onEnd: (execution: Execution) => void,
  ) {
    const now = machine.ctx.clock.now();
    this.startDate = new Date(now);
    this.history = new History(() => machine.ctx.clock.now());
    this.info = { arn, name, input: parsedInput, startTime: this.startDate.toISOString(), roleArn: machine.roleArn, redriveCount: 0 };
  }

  public get running(): boolean {
    return this.status === 'RUNNING';
  }

  /** Calls `listener` once the execution has ended (at once when it has). */
  public whenEnded(listener: () => void): void {
    if (this.running) this.endListeners.push(listener);
    else listener();
  }

  /** Starts the run (a fiber on the clock). */
  public start(): void {
    this.history.add('ExecutionStarted', 0, 'executionStartedEventDetails', {
      input: this.info.input, inputDetails: NOT_TRUNCATED, roleArn: this.machine.roleArn,
    });
    this.run(this.machine.definition.StartAt, this.info.input);
  }

  /** StopExecution: ends the execution now as ABORTED and stops every thread. */
  public stop(error?: string, cause?: string): void {
    if (!this.running) return;
    this.history.add('ExecutionAborted', this.history.length, 'executionAbortedEventDetails', {
      ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}),
    });
    this.end('ABORTED', undefined, error, cause);
  }

  /** RedriveExecution: runs again from the state that did not succeed. */
  public redrive(): void {
    const from = this.lastEntered;
    this.info.redriveCount++;
    this.redriveDate = new Date(this.machine.ctx.clock.now());
    this.info.redriveTime = this.redriveDate.toISOString();
    this.status = 'RUNNING';
    this.stopDate = undefined;
    this.error = undefined;
    this.cause = undefined;
    this.history.closed = false;
    this.history.add('ExecutionRedriven', this.history.length, 'executionRedrivenEventDetails', { redriveCount: this.info.redriveCount });
    this.variables = new VariableScope();
    if (from) this.variables.assign(from.variables);
    const type = from ? this.machine.definition.States[from.name]?.Type : undefined;
    if (type === 'Map' || type === 'Parallel') {
      this.machine.ctx.trace.record('stepfunctions', this.machine.logicalId, 'unsupported', {
        reason: `redrive of ${this.arn}: the ${type} state '${from!.name}' runs again whole (AWS re-runs only its unsuccessful ${type === 'Map' ? 'iterations' : 'branches'})`,
      });
    }
    this.run(from?.name ?? this.machine.definition.StartAt, from?.input ?? this.info.input);
  }

  private run(startAt: string, input: Json): void {
    const { ctx, definition } = this.machine;
    const timeoutMs = Math.min(
      definition.TimeoutSeconds !== undefined ? definition.TimeoutSeconds * 1000 : Infinity,
      this.machine.type === 'EXPRESS' ? EXPRESS_MAX_MS : 365 * 24 * 3600 * 1000,
    );
    const abort = new AbortScope();
    const timer = ctx.clock.schedule(ctx.clock.now() + timeoutMs, () => {
      if (!this.running) return;
      const reason = new ExecutionStopped(STATES_ERRORS.Timeout, `The execution timed out after ${timeoutMs / 1000} seconds`);
      this.history.add('ExecutionTimedOut', this.history.length, 'executionTimedOutEventDetails', { error: reason.error, cause: reason.cause });
      this.end('TIMED_OUT', undefined, reason.error, reason.cause);
      abort.abort(reason);
    }, { label: `stepfunctions ${this.name} execution timeout` });
    void ctx.clock.spawn(`stepfunctions ${this.name}`, async fiber => {
      const env = new RunEnv(this.machine, this.info, fiber, this.history, this.variables, abort, this.history.length);
      this.env = env;
      try {
        const output = await runBlock(definition, input, env, definition.QueryLanguage ?? 'JSONPath', {
          startAt,
          onEnter: (name, stateInput) => { this.lastEntered = { name, input: stateInput, variables: this.variables.own() }; },
        });
        if (!this.running) return;
        env.event('ExecutionSucceeded', 'executionSucceededEventDetails', { output, outputDetails: NOT_TRUNCATED });
        this.end('SUCCEEDED', JSON.stringify(output));
      } catch (e) {
        if (!this.running) return;
        const error = e instanceof StatesError ? e : new StatesError(STATES_ERRORS.Runtime, e instanceof Error ? e.message : String(e));
        env.event('ExecutionFailed', 'executionFailedEventDetails', { error: error.error, cause: error.cause });
        this.end('FAILED', undefined, error.error, error.cause);
      } finally {
        ctx.clock.cancel(timer);
      }
    });
  }

  private end(status: ExecutionStatus, output?: string, error?: string, cause?: string): void {
    this.status = status;
    this.stopDate = new Date(this.machine.ctx.clock.now());
    this.output = output;
    this.error = error;
    this.cause = cause;
    this.history.closed = true;
    if (status !== 'SUCCEEDED') this.env?.abort.abort(new ExecutionStopped(error ?? 'States.Aborted', cause ?? ''));
    this.onEnd(this);
    for (const l of this.endListeners.splice(0)) l();
  }
}
