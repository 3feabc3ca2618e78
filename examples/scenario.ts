// What every offline scenario of the main job shares (examples/simulate*.ts): loading an example stack's template from
// cdk.out/, and turning a scenario's checks into its printed result and its section of the HTML report.
import { Simulator } from '../src/sim';

/** One scenario's outcome, printed by simulate.ts and drawn in cdk.out/report.html. */
export interface ScenarioResult {
  readonly name: string;
  readonly passed: boolean;
  readonly lines: string[];
  readonly traceEvents: number;
  readonly virtualSeconds: number;
  /** The scenario's simulator, for the report. */
  readonly simulator: Simulator;
}

export type Scenario = (outdir: string) => Promise<ScenarioResult>;

/** A check: what it asserts, and whether it held. */
export type Check = [string, boolean];

/**
 * The simulator of one synthesized example stack, from the cloud assembly (its templates carry construct paths, so
 * paths name resources; its asset directories hold the functions' code, which the simulator runs).
 */
export function loadExample(outdir: string, stack: string): Simulator {
  return Simulator.fromAssembly(outdir, { stack });
}

/** A scenario's result from its checks; `start` is the virtual time it began at. */
export function finish(name: string, sim: Simulator, start: number, checks: readonly Check[]): ScenarioResult {
  return {
    name,
    passed: checks.every(([, ok]) => ok),
    lines: checks.map(([what, ok]) => `${ok ? 'ok  ' : 'FAIL'} ${what}`),
    traceEvents: sim.trace.length,
    virtualSeconds: (sim.now() - start) / 1000,
    simulator: sim,
  };
}
