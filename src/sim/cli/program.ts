/**
 * The `cdk-decoupling-patterns` command (commander): `sim` runs a stack offline with a scenario, `diagram` draws it,
 * `serve` exposes it to real clients. `runCli` returns the exit code: 0 all good, 1 an expectation or a step failed,
 * 2 bad input (one line on stderr).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { CliIo, painter, UsageError } from './io';
import { loadSource } from './load';
import { expectationUsage } from './scenario/expectations';
import { readScenario } from './scenario/parse';
import { ScenarioRunner } from './scenario/runner';
import { STEP_NAMES, STEPS } from './scenario/steps';
import { serve } from './serve';
import { renderDiagram } from '../report/diagram';
import { formatTime } from '../report/sequence/build';

interface SimOptions {
  readonly stack?: string;
  readonly scenario?: string;
  readonly report?: string;
  readonly untilIdle?: boolean;
  readonly json?: boolean;
  readonly strict?: boolean;
}

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('cdk-decoupling-patterns')
    .description('Run synthesized CDK stacks offline in the cdk-decoupling-patterns simulator, draw them, and report what happened.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: s => io.out(s.replace(/\n$/, '')), writeErr: s => io.err(s.replace(/\n$/, '')) });

  program.command('sim')
    .description('load a stack, run a scenario on the virtual clock, print the trace; exit 1 when an expectation fails')
    .argument('<source>', 'a cloud assembly directory (cdk.out) or a template file (*.template.json)')
    .option('--stack <name>', 'the stack of the assembly to load (default: every stack)')
    .option('--scenario <file>', 'a JSON or YAML list of steps (see below)')
    .option('--report <file>', 'write the HTML report of the run to this file')
    .option('--until-idle', 'after the scenario, run until nothing is pending')
    .option('--json', 'print one JSON document (steps, expectations, trace) instead of the readable trace')
    .option('--strict', 'fail when the simulation cannot do what AWS would (a function with no handler...)')
    .addHelpText('after', `\nScenario steps (each an object with one key):\n${[...Object.values(STEPS).map(s => `  ${s.usage}`), ...expectationUsage().map(u => `    ${u}`)].join('\n')}
\nExample:\n  - handler: { function: OrderHandler/Function, throws: cannot parse order }\n  - send: { queue: Orders/Queue, body: not json }\n  - run: until-idle\n  - advance: 5m\n  - expect: { queue: Orders/DeadLetterQueue, messages: 1 }\n  - expect: { alarm: Orders/DeadLetterQueueDepthAlarm, state: ALARM }`)
    .action(async (source: string, options: SimOptions) => {
      code = await simCommand(source, options, io);
    });

  program.command('diagram')
    .description('print the architecture diagram of a stack (mermaid flowchart, or SVG)')
    .argument('<source>', 'a cloud assembly directory (cdk.out) or a template file')
    .option('--stack <name>', 'the stack of the assembly to draw (default: every stack)')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'svg']).default('mermaid'))
    .option('--infrastructure', 'also draw IAM roles and policies, KMS keys, log groups, networking')
    .action((source: string, options: { stack?: string; format: 'mermaid' | 'svg'; infrastructure?: boolean }) => {
      const loaded = loadSource(source, { stack: options.stack, strict: false });
      const diagramOptions = { format: options.format, infrastructure: options.infrastructure };
      io.out(renderDiagram({ resources: loaded.sim.resources, classes: loaded.classes }, diagramOptions));
    });

  program.command('serve')
    .description('serve the stack as an HTTP endpoint for real AWS clients, with the live report at /')
    .argument('<source>', 'a cloud assembly directory (cdk.out) or a template file')
    .option('--stack <name>', 'the stack of the assembly to load (default: every stack)')
    .option('--port <n>', 'the port to listen on', value => port(value), 4566)
    .action(async (source: string, options: { stack?: string; port: number }) => {
      code = await serve(loadSource(source, { stack: options.stack, strict: false }), { port: options.port }, io);
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; a usage mistake (unknown option, missing argument) is bad input.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.err(`cdk-decoupling-patterns: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

async function simCommand(source: string, options: SimOptions, io: CliIo): Promise<number> {
  const loaded = loadSource(source, { stack: options.stack, strict: options.strict === true });
  const scenario = options.scenario ? readScenario(options.scenario, STEP_NAMES) : undefined;
  const sim = loaded.sim;
  const quiet = options.json === true;
  const paint = painter(io.colour);
  if (!quiet) io.out(paint('bold', `${loaded.name}: ${sim.resources.size} resources, ${sim.unsupported.resources.length} of them not simulated`));
  const runner = new ScenarioRunner(sim, io, { quiet });
  if (scenario) await runner.run(scenario);
  if (options.untilIdle) {
    await runner.runUntilIdle();
    runner.flush();
  }
  const problems = runner.problems;
  const failures = runner.failures + (options.strict ? problems.length : 0);
  const expectations = runner.outcomes.filter(o => o.expectation);
  const reportFile = options.report
    ? sim.report(options.report, { title: scenario?.name ?? (options.scenario ? path.basename(options.scenario) : loaded.name) })
    : undefined;
  if (quiet) {
    io.out(JSON.stringify({
      source: loaded.name,
      passed: failures === 0,
      steps: runner.outcomes,
      problems,
      report: reportFile,
      virtualTime: sim.now() - sim.startTime,
      trace: sim.trace.toJSON(),
    }, null, 2));
    return failures === 0 ? 0 : 1;
  }
  for (const p of problems) io.out(paint('yellow', `! ${p}`));
  const failedExpectations = expectations.filter(o => !o.ok).length;
  const summary = `${runner.outcomes.length} steps, ${expectations.length} expectations`
    + (failedExpectations ? `, ${failedExpectations} failed` : '')
    + (runner.failures - failedExpectations ? `, ${runner.failures - failedExpectations} steps failed` : '')
    + (problems.length ? `, ${problems.length} simulation problems${options.strict ? '' : ' (not failing: pass --strict)'}` : '')
    + ` · ${sim.trace.length} events · ${formatTime(sim.now(), sim.startTime, 'relative')} of virtual time`;
  io.out(failures === 0 ? paint('green', `PASS ${summary}`) : paint('red', `FAIL ${summary}`));
  if (reportFile) io.out(`Report: ${reportFile}`);
  return failures === 0 ? 0 : 1;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port ${value}: not a port number (0 to 65535)`);
  return n;
}

function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
