/**
 * Runs a scenario: each step through the step table, the trace printed as it grows, expectations counted. A step that
 * names nothing the template has is bad input (UsageError, exit 2); an AWS error a step meets, a failed expectation,
 * or (with --strict) something the simulation could not do is a failure of the run (exit 1).
 */
import type { Scenario } from './parse';
import { STEP_ALIASES, STEPS, StepContext } from './steps';
import { AwsError } from '../../kernel';
import { SimulationError, Simulator } from '../../simulator';
import { CliIo, painter, UsageError } from '../io';
import { firstLine } from '../load';
import { Progress, TracePrinter } from '../print';

export interface StepOutcome {
  readonly index: number;
  readonly step: string;
  readonly text: string;
  /** false: the step failed or its expectation did not hold. */
  readonly ok: boolean;
  readonly expectation: boolean;
}

export interface RunOptions {
  /** Print nothing as it goes (the JSON output is written at the end). */
  readonly quiet: boolean;
}

/** How far one `run: until-idle` goes by default: as `sim.runUntilIdle()`. */
const DEFAULT_MAX_TIME = 24 * 3_600_000;
/** Virtual time per slice of a long run: between slices the progress line is updated. */
const SLICE_MS = 10_000;

export class ScenarioRunner {
  public readonly outcomes: StepOutcome[] = [];
  public readonly problems: string[] = [];
  private readonly printer: TracePrinter;
  private readonly paint: ReturnType<typeof painter>;

  constructor(private readonly sim: Simulator, private readonly io: CliIo, private readonly options: RunOptions) {
    this.printer = new TracePrinter(io, sim.resources, sim.startTime);
    this.paint = painter(io.colour);
  }

  public get failures(): number {
    return this.outcomes.filter(o => !o.ok).length;
  }

  public async run(scenario: Scenario): Promise<void> {
    const context: StepContext = { sim: this.sim, runUntilIdle: maxTime => this.runUntilIdle(maxTime) };
    for (const s of scenario.steps) {
      const name = STEP_ALIASES[s.name] ?? s.name;
      const label = `scenario step ${s.index} (${s.name})`;
      let outcome: StepOutcome;
      try {
        const result = await STEPS[name].run(s.args, context, label);
        outcome = { index: s.index, step: s.name, text: result.text, ok: result.ok ?? true, expectation: result.ok !== undefined };
      } catch (e) {
        if (e instanceof UsageError) throw e;
        if (e instanceof AwsError) {
          outcome = { index: s.index, step: s.name, text: `${e.name}: ${e.message}`, ok: false, expectation: false };
        } else if (e instanceof SimulationError) {
          this.problems.push(...e.problems);
          outcome = { index: s.index, step: s.name, text: `the simulation could not do what AWS would: ${e.problems.join('; ')}`, ok: false, expectation: false };
        } else {
          // A reference to nothing (`sim.queue('Nope'): no such resource. Closest ...`), a malformed argument.
          throw new UsageError(`${label}: ${firstLine(e)}`);
        }
      }
      this.report(outcome);
    }
  }

  /** Runs until idle in slices of virtual time, so a long run shows progress. */
  public async runUntilIdle(maxTime = DEFAULT_MAX_TIME): Promise<void> {
    const progress = this.options.quiet ? undefined : new Progress(this.io, this.sim.startTime);
    const deadline = this.sim.now() + maxTime;
    try {
      for (;;) {
        const result = await this.sim.runUntilIdle({ maxTime: Math.min(SLICE_MS, deadline - this.sim.now()) });
        this.problems.push(...result.problems);
        progress?.update(this.sim.now(), this.sim.trace.length);
        if (result.idle || this.sim.now() >= deadline) break;
      }
    } finally {
      progress?.done();
    }
  }

  /** Prints the trace recorded since the last print. */
  public flush(): void {
    if (!this.options.quiet) this.printer.flush(this.sim.trace.toJSON());
  }

  private report(o: StepOutcome): void {
    this.outcomes.push(o);
    if (this.options.quiet) return;
    const p = this.paint;
    if (o.expectation) this.io.out(`${o.ok ? p('green', '✓') : p('red', '✗')} ${p('bold', 'expect')} ${o.text}`);
    else if (!o.ok) this.io.out(`${p('red', '✗')} ${p('bold', `step ${o.index} ${o.step}`)} ${p('red', o.text)}`);
    else this.io.out(`${p('blue', '▸')} ${p('bold', `step ${o.index} ${o.step}`)} ${o.text}`);
    // Then what the step caused, as the trace recorded it.
    this.flush();
  }
}
