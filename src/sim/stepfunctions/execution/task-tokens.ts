/**
 * Task tokens of `.waitForTaskToken` tasks ("Wait for a Callback with Task Token"): SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat find the waiting task by its token. A token no task was given is
 * `TaskDoesNotExist`; a token whose task has already ended (answered, timed out, stopped) is `TaskTimedOut`
 * ("Provided task does not exist anymore"), as the Step Functions API answers.
 */
import { AwsError, SeededIds } from '../../kernel';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

interface Waiting {
  readonly executionArn: string;
  resolve(output: Json): void;
  reject(error: StatesError): void;
  heartbeat(): void;
}

export class TaskTokens {
  private readonly waiting = new Map<string, Waiting>();
  private readonly closed = new Set<string>();

  constructor(private readonly ids: SeededIds) {}

  /** A new token for a task of `executionArn`, and the promise its callback settles. */
  public issue(executionArn: string, heartbeat: () => void): { token: string; answer: Promise<Json>; close: () => void } {
    const token = `AQC${this.ids.token(120)}`;
    let entry!: Waiting;
    const answer = new Promise<Json>((resolve, reject) => {
      entry = { resolve, reject, heartbeat, executionArn };
    });
    // Unobserved when the task ends otherwise (a timeout): never an unhandled rejection.
    answer.catch(() => undefined);
    this.waiting.set(token, entry);
    return { token, answer, close: () => this.close(token) };
  }

  /** SendTaskSuccess; returns the execution the task belongs to. */
  public succeed(token: unknown, output: unknown): string {
    const entry = this.find(token);
    let parsed: Json;
    if (typeof output !== 'string') throw new AwsError('InvalidOutput', 'Invalid Output: the output must be a JSON string');
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new AwsError('InvalidOutput', `Invalid Output: '${output}' is not valid JSON`);
    }
    this.close(token as string);
    entry.resolve(parsed);
    return entry.executionArn;
  }

  /** SendTaskFailure; returns the execution the task belongs to. */
  public fail(token: unknown, error?: string, cause?: string): string {
    const entry = this.find(token);
    this.close(token as string);
    entry.reject(new StatesError(error ?? '', cause ?? ''));
    return entry.executionArn;
  }

  /** SendTaskHeartbeat; returns the execution the task belongs to. */
  public heartbeat(token: unknown): string {
    const entry = this.find(token);
    entry.heartbeat();
    return entry.executionArn;
  }

  private find(token: unknown): Waiting {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) {
      throw new AwsError('InvalidToken', `Invalid Token: '${String(token)}'`);
    }
    const entry = this.waiting.get(token);
    if (entry) return entry;
    if (this.closed.has(token)) throw new AwsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    throw new AwsError('TaskDoesNotExist', 'Task does not exist');
  }

  private close(token: string): void {
    if (this.waiting.delete(token)) this.closed.add(token);
  }
}
