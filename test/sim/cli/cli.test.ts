/**
 * The `cdk-decoupling-patterns` command, run in-process (runCli with captured output): `sim` with scenarios (exit 0
 * when every expectation holds, 1 when one fails), `diagram`, `serve`, and bad input as one line with exit 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scenarioFile, synthAssembly } from './assembly';
import { CliIo } from '../../../src/sim/cli/io';
import { runCli } from '../../../src/sim/cli/program';

let assembly: string;
beforeAll(() => {
  assembly = synthAssembly();
});

/** Lines `serve` has printed so far (it runs until SIGINT, so the test reads them while it serves). */
let servedLines: string[] = [];

async function cli(args: string[], options: { colour?: boolean } = {}) {
  const out: string[] = [];
  servedLines = out;
  const err: string[] = [];
  const io: CliIo = { out: t => out.push(...t.split('\n')), err: t => err.push(...t.split('\n')), colour: options.colour ?? false, interactive: false };
  const code = await runCli(args, io);
  return { code, out, err, stdout: out.join('\n') };
}

const POISON = `name: poison message
steps:
  - handler: { function: Handler, throws: cannot parse order }
  - send: { queue: Orders/Queue, body: not json }
  - run: until-idle
  - expect: { queue: Orders/DeadLetterQueue, messages: 1 }
  - expect: { function: Handler, invocations: 5, errors: 5 }
  - expect: { trace: { type: moved-to-dlq } }
`;

describe('sim', () => {
  test('runs a YAML scenario, prints each step, the trace it caused and each expectation; every expectation holds: exit 0', async () => {
    const file = scenarioFile(assembly, 'poison.yaml', POISON);
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/\(Shop\): \d+ resources, \d+ of them not simulated$/);
    expect(r.out).toContain('▸ step 1 handler Handler throws "cannot parse order"');
    expect(r.out).toContain('✓ expect queue Orders/DeadLetterQueue holds 1 message');
    expect(r.out).toContain('✓ expect function Handler: 5 invocations, 5 errors');
    // Visibility timeout 1 minute: the fifth receive ends at +5m and the message moves (logical ids shown as construct paths).
    expect(r.out.some(l => /^ {2}\+5m00s +sqs +Orders\/Queue +moved-to-dlq +messageId=\w{8} deadLetterQueue=Orders\/DeadLetterQueue receiveCount=5$/.test(l))).toBe(true);
    expect(r.out[r.out.length - 1]).toMatch(/^PASS 6 steps, 3 expectations · \d+ events · \+\d+m\d\ds of virtual time$/);
    // Plain output when colours are off (not a terminal).
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('an expectation that does not hold fails the run: exit 1, the line says what was found and what was expected', async () => {
    const file = scenarioFile(assembly, 'wrong.json', JSON.stringify([
      { send: { queue: 'Orders/Queue', body: 'hello' } },
      { expect: { queue: 'Orders/Queue', messages: 2 } },
    ]));
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ expect queue Orders/Queue holds 1 message (expected 2)');
    expect(r.out[r.out.length - 1]).toMatch(/^FAIL 2 steps, 1 expectations, 1 failed/);
  });

  test('colours on a terminal: failures red, successes green', async () => {
    const file = scenarioFile(assembly, 'colour.yaml', POISON);
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file], { colour: true });
    expect(r.stdout).toContain('\u001b[32m✓\u001b[0m');
    expect(r.stdout).toContain('\u001b[31mmoved-to-dlq');
  });

  test('--json prints one JSON document: passed, steps with their outcome, the trace', async () => {
    const file = scenarioFile(assembly, 'json.yaml', POISON);
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.passed).toBe(true);
    expect(doc.steps.map((s: { step: string; ok: boolean }) => `${s.step}:${s.ok}`)).toEqual(['handler:true', 'send:true', 'run:true', 'expect:true', 'expect:true', 'expect:true']);
    expect(doc.trace.filter((e: { type: string }) => e.type === 'moved-to-dlq')).toHaveLength(1);
  });

  test('--report writes the HTML report and prints its path; --until-idle runs after the scenario', async () => {
    const file = scenarioFile(assembly, 'send.yaml', '- handler: { function: Handler, returns: {} }\n- send: { queue: Orders/Queue, body: hi }\n');
    const report = path.join(assembly, 'out', 'report.html');
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file, '--until-idle', '--report', report]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Report: ${report}`);
    expect(fs.readFileSync(report, 'utf8')).toContain('<h2>send.yaml</h2>');
    // The run until idle delivered the message to the function, which succeeded.
    expect(r.out.some(l => /lambda +Consumer\/EventSourceMapping +batch-succeeded/.test(l))).toBe(true);
  });

  test('an AWS error a step meets fails the run (exit 1), with the error\'s name and message', async () => {
    const file = scenarioFile(assembly, 'delay.yaml', '- send: { queue: Orders/Queue, body: hi, delaySeconds: 901 }\n');
    const r = await cli(['sim', assembly, '--stack', 'Shop', '--scenario', file]);
    expect(r.code).toBe(1);
    expect(r.out.find(l => l.startsWith('✗ step 1 send'))).toMatch(/^✗ step 1 send InvalidParameterValue: /);
  });
});

describe('bad input: one clear line on stderr, exit 2', () => {
  const bad = async (args: string[], scenario?: string) => {
    const file = scenario === undefined ? undefined : scenarioFile(assembly, `bad-${Math.random().toString(36).slice(2)}.yaml`, scenario);
    const r = await cli([...args, ...(file ? ['--scenario', file] : [])]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    return r.err[0];
  };

  test('a missing file', async () => {
    expect(await bad(['sim', 'no/such/cdk.out'])).toBe('cdk-decoupling-patterns: no/such/cdk.out: no such file or directory');
  });

  test('an unknown stack: the stacks there are listed', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shopp'])).toBe(`cdk-decoupling-patterns: Simulator.fromAssembly('${assembly}', { stack: 'Shopp' }): no such stack. Stacks: Shop, Empty`);
  });

  test('a directory that is not a cloud assembly', async () => {
    expect(await bad(['sim', path.join(assembly, '..')])).toMatch(/no manifest\.json there; run cdk synth first/);
  });

  test('a scenario step that is not a step', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shop'], '- sned: { queue: Orders/Queue, body: x }\n')).toMatch(/step 1: 'sned' is not a step \(one of: publish, send, /);
  });

  test('a scenario step that names no step', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shop'], '- {}\n')).toMatch(/step 1 names no step; give exactly one of: publish, /);
  });

  test('a scenario step that names a resource the stack does not have: the closest ones are named', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shop'], '- send: { queue: Ordrs/Queue, body: x }\n'))
      .toMatch(/^cdk-decoupling-patterns: scenario step 1 \(send\): sim\.queue\('Ordrs\/Queue'\): no such resource\. Closest AWS::SQS::Queue resources: 'OrdersQueue\w+ \(Shop\/Orders\/Queue\/Resource\)'/);
  });

  test('an expectation that names nothing to expect', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shop'], '- expect: { messages: 1 }\n')).toBe(
      'cdk-decoupling-patterns: scenario step 1 (expect): names nothing to expect (one of: queue, alarm, function, bucket, trace, stateMachine)');
  });

  test('a malformed duration and a scenario that is not a list', async () => {
    expect(await bad(['sim', assembly, '--stack', 'Shop'], '- advance: soon\n')).toBe(
      'cdk-decoupling-patterns: scenario step 1 (advance): \'soon\' is not a duration (e.g. 500ms, 30s, 5m, 2h, 1d)');
    expect(await bad(['sim', assembly, '--stack', 'Shop'], 'steps: 3\n')).toMatch(/expected a list of steps \(or \{ steps: \[\.\.\.\] \}\)$/);
  });

  test('a step of a service this build does not simulate says which', async () => {
    const message = await bad(['sim', assembly, '--stack', 'Shop'], '- start execution: { stateMachine: Pickup }\n');
    // Once the Step Functions simulator is part of the build, the step is run and this names the missing machine instead.
    expect(message).toMatch(/^cdk-decoupling-patterns: scenario step 1 \(start execution\): (needs the Step Functions simulator \(sim\.stateMachine\)|sim\.stateMachine\('Pickup'\): no such resource)/);
  });

  test('a missing argument and an unknown option (commander\'s message)', async () => {
    expect(await bad(['sim'])).toBe('error: missing required argument \'source\'');
    expect(await bad(['sim', assembly, '--nope'])).toBe('error: unknown option \'--nope\'');
  });
});

describe('diagram and serve', () => {
  test('diagram prints the mermaid flowchart of the stack', async () => {
    const r = await cli(['diagram', assembly, '--stack', 'Shop']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('flowchart LR');
    expect(r.out).toContain('  n_OrdersQueue -->|"batch 1"| n_Handler');
  });

  test('diagram --format svg prints the picture', async () => {
    const r = await cli(['diagram', assembly, '--stack', 'Shop', '--format', 'svg']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.stdout.match(/<g class="node /g)).toHaveLength(4); // queue, DLQ, its depth alarm, function
  });

  test('diagram of a template file', async () => {
    const r = await cli(['diagram', path.join(assembly, 'Shop.template.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  n_OrdersQueue -->|"batch 1"| n_Handler');
  });

  test('serve answers AWS clients on loopback with the live report at /, and stops on SIGINT with exit 0', async () => {
    const running = cli(['serve', assembly, '--stack', 'Shop', '--port', '0']);
    // The first line names the endpoint once the server listens.
    let endpoint: string | undefined;
    const started = Date.now();
    while (!endpoint && Date.now() - started < 10_000) {
      await new Promise(resolve => setTimeout(resolve, 20));
      endpoint = (servedLines.find(l => l.startsWith('Simulating ') && l.includes('(Shop) at ')) ?? '').match(/at (http:\/\/[^ ]+) /)?.[1];
    }
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${endpoint}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    // Anything but an unsigned GET of the page goes to the AWS protocols (here refused), never to the page.
    const other = await fetch(`${endpoint}/`, { method: 'POST', body: 'Action=ListQueues' });
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(await other.text()).not.toContain('<html');
    process.emit('SIGINT');
    expect((await running).code).toBe(0);
  });

  test('--help lists the commands with their options', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sim \[options\] <source>/);
    expect(r.stdout).toMatch(/diagram \[options\] <source>/);
    expect(r.stdout).toMatch(/serve \[options\] <source>/);
  });
});
