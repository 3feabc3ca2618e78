/**
 * One run of one state: what every processing step reads (the raw input, the Context object, the variables, the
 * query language) and what the per-state inspection records, step by step, as the TestState API reports it
 * (`input`, `afterInputPath`, `afterParameters` / `afterArguments`, `result`, `afterResultSelector`,
 * `afterResultPath`, `output`, `variables`).
 */
import { contextObject, StateEntry } from './context-object';
import type { QueryLanguage, RunEnv, StateDef } from './env';
import type { JsonataScope } from '../jsonata/evaluate';
import type { Json } from '../paths/jsonpath';
import type { PathData } from '../paths/reference';

/** The inspection of one state run (TestState's `inspectionData`, plus where the run went). */
export interface StateInspection {
  input?: Json;
  afterInputPath?: Json;
  afterParameters?: Json;
  afterArguments?: Json;
  result?: Json;
  afterResultSelector?: Json;
  afterResultPath?: Json;
  output?: Json;
  /** The variables the state assigned. */
  variables?: Record<string, Json>;
  errorOutput?: Json;
}

export class StateRun implements StateEntry {
  public retryCount = 0;
  private enteredAt: number;
  public taskToken?: string;
  /** The variables the state assigned (its StateExited event shows them). */
  public assigned?: Record<string, Json>;
  /**
   * The step-by-step inspection, kept only when something reads it (the trace's `state-run` events): with the trace
   * off, the steps are not recorded.
   */
  public readonly inspection?: StateInspection;

  constructor(
    public readonly name: string,
    public readonly state: StateDef,
    public readonly env: RunEnv,
    public readonly language: QueryLanguage,
    public readonly rawInput: Json,
  ) {
    this.enteredAt = env.now();
    if (env.machine.observe) this.inspection = { input: rawInput };
  }

  /** `$$.State.EnteredTime` (written only when the Context object is read). */
  public get enteredTime(): string {
    return new Date(this.enteredAt).toISOString();
  }

  /** The same state run seen from another thread (a Map iteration's ItemSelector reads the iteration's context). */
  public inThread(env: RunEnv): StateRun {
    const other = new StateRun(this.name, this.state, env, this.language, this.rawInput);
    other.retryCount = this.retryCount;
    other.enteredAt = this.enteredAt;
    return other;
  }

  public get machine() {
    return this.env.machine;
  }

  public context(): Json {
    return contextObject(this.env, this, this.taskToken);
  }

  /** What a JSONPath path in this state reads, with `$` = `current`. */
  public pathData(current: Json): PathData {
    return new StatePathData(this, current);
  }

  /** What a JSONata expression in this state reads. */
  public jsonataScope(extra: { result?: Json; errorOutput?: Json; input?: Json } = {}): JsonataScope {
    const states: Record<string, Json> = { input: extra.input ?? this.rawInput, context: this.context() };
    if (extra.result !== undefined) states.result = extra.result;
    if (extra.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
    return { states: states as unknown as JsonataScope['states'], variables: this.env.variables.visible() };
  }
}

/** A state's data for path evaluation; the Context object is built only when a path reads `$$`. */
class StatePathData implements PathData {
  private built?: Json;

  constructor(private readonly run: StateRun, public readonly current: Json) {}

  public get context(): Json {
    this.built ??= this.run.context();
    return this.built;
  }

  public get variables() {
    return this.run.env.variables;
  }

  public get paths() {
    return this.run.env.machine.paths;
  }
}
