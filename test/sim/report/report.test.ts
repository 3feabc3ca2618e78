/**
 * sim.report(file) / writeReport(file, sections): one self-contained HTML file per set of runs. Checked here for its
 * structure and data; test/sim/report/chromium.test.ts opens it in a browser.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deniedRun, poisonRun } from './runs';
import { writeReport } from '../../../src/sim';
import { collectSection, renderReport, ReportSimulator } from '../../../src/sim/report/html';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));

describe('the report file', () => {
  test('sim.report(file) writes one self-contained page (no script or style from the network) and returns its absolute path', async () => {
    const sim = await poisonRun();
    const dir = tmp();
    const file = sim.report(path.join(path.relative(process.cwd(), dir), 'sub', 'report.html'));
    expect(file).toBe(path.join(dir, 'sub', 'report.html'));
    const html = fs.readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link |@import|url\((?!#)|(src|href)="https?:/);
    // The only URL on the page is SVG's namespace.
    expect(new Set(html.match(/https?:\/\/[^"' )]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  test('one section per simulator, an overview row each with its badge, the diagrams as SVG with their mermaid source', async () => {
    const html = renderReport([
      { title: 'Poison message', simulator: await poisonRun(), passed: true, notes: ['ok   moved to the DLQ'] },
      { title: 'Denied deliveries', simulator: await deniedRun(), passed: false },
    ], { generated: new Date(Date.UTC(2026, 0, 2)) });
    expect(html.match(/<section class="run" id="run-\d">/g)).toEqual(['<section class="run" id="run-0">', '<section class="run" id="run-1">']);
    expect(html).toContain('<td><span class="badge pass">PASS</span></td><td><a href="#run-0">Poison message</a></td>');
    expect(html).toContain('<td><span class="badge fail">FAIL</span></td><td><a href="#run-1">Denied deliveries</a></td>');
    expect(html).toContain('written 2026-01-02 00:00:00 UTC');
    expect(html.match(/<div class="diagram architecture"><svg /g)).toHaveLength(2);
    expect(html.match(/<div class="diagram sequence"><svg /g)).toHaveLength(2);
    expect(html).toContain('<pre>flowchart LR\n');
    expect(html).toContain('<pre>sequenceDiagram\n');
    expect(html).toContain('<li class="ok">ok   moved to the DLQ</li>');
    expect(html).toContain('<div class="card bad"><div class="value">3</div><div class="label">function errors</div></div>');
  });
});

describe('what a section collects', () => {
  test('queue depth over virtual time, rebuilt from the trace: the message stays (in flight counts) until it moves to the DLQ', async () => {
    const sim = await poisonRun();
    const d = collectSection({ title: 'x', simulator: sim });
    const t0 = sim.startTime;
    expect(d.queueDepths).toEqual([
      { name: 'Orders', points: [[t0, 1], [t0 + 90_000, 0]] },
      { name: 'OrdersDlq', points: [[t0 + 90_000, 1]] },
    ]);
    expect(d.functions).toEqual([{ label: 'Handler', invocations: 3, errors: 3, throttles: 0 }]);
    expect(d.summary).toMatchObject({ sent: 1, invocations: 3, errors: 3, deadLettered: 1, denials: 0 });
  });

  test('a denial without an applying statement: implicit deny, naming the policy and listing its statement about the action', async () => {
    const d = collectSection({ title: 'x', simulator: await deniedRun() });
    const audit = d.denials.find(x => x.resource === 'Audit')!;
    expect(audit).toMatchObject({
      action: 'sqs:SendMessage',
      principal: 'sns.amazonaws.com',
      sourceArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      decision: 'implicit',
      explanation: 'Implicit deny: no statement of AuditPolicy allows sqs:SendMessage for sns.amazonaws.com (source arn:aws:sns:us-east-1:123456789012:orders).',
    });
    expect(audit.statements.map(s => [s.policy, s.sid, s.effect, s.applies])).toEqual([['AuditPolicy', 'FromPaymentsTopic', 'Allow', false]]);
  });

  test('a denial by an explicit Deny: the statement that applies decided it (explicit deny wins over the Allow)', async () => {
    const d = collectSection({ title: 'x', simulator: await deniedRun() });
    const blocked = d.denials.find(x => x.resource === 'Blocked')!;
    expect(blocked.decision).toBe('explicit');
    expect(blocked.explanation).toBe('Explicitly denied by statement NoOrders of BlockedPolicy.');
    expect(blocked.statements.map(s => [s.sid, s.applies])).toEqual([['NoOrders', true], ['AllowSns', true]]);
  });

  test('state machine executions with their state-by-state path, and API requests with their final status, read from those services\' event fields', () => {
    const t0 = Date.UTC(2024, 0, 1);
    const exec = 'arn:aws:states:us-east-1:123456789012:execution:Pickup:run-1';
    const events = [
      { time: t0, service: 'stepfunctions', resource: 'Machine', type: 'execution-started', detail: { executionArn: exec, name: 'run-1' } },
      { time: t0 + 1, service: 'stepfunctions', resource: 'Machine', type: 'state-run', detail: { executionArn: exec, state: 'Reserve', next: 'Charge' } },
      { time: t0 + 3, service: 'stepfunctions', resource: 'Machine', type: 'state-run', detail: { executionArn: exec, state: 'Charge', error: 'States.Timeout' } },
      { time: t0 + 9, service: 'stepfunctions', resource: 'Machine', type: 'execution-ended', detail: { executionArn: exec, status: 'FAILED', error: 'States.Timeout' } },
      { time: t0 + 10, service: 'apigateway', resource: 'Api', type: 'request-received', detail: { requestId: 'r1', method: 'POST', path: '/orders' } },
      { time: t0 + 10, service: 'apigateway', resource: 'Api', type: 'request-answered', detail: { requestId: 'r1', status: 202 } },
      { time: t0 + 11, service: 'apigateway', resource: 'Api', type: 'request-received', detail: { requestId: 'r2', method: 'POST', path: '/orders' } },
      { time: t0 + 11, service: 'apigateway', resource: 'Api', type: 'authorizer-denied', detail: { requestId: 'r2', status: 401 } },
      { time: t0 + 11, service: 'apigateway', resource: 'Api', type: 'request-answered', detail: { requestId: 'r2', status: 403 } },
    ];
    const simulator: ReportSimulator = {
      resources: new Map(),
      trace: { toJSON: () => events },
      unsupported: { all: [] },
      startTime: t0,
      now: () => t0 + 20,
      diagram: () => 'flowchart LR',
      env: { account: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com', stackName: 'S', stackId: 'id' },
    };
    const d = collectSection({ title: 'x', simulator });
    expect(d.executions).toEqual([{ name: 'run-1', machine: 'Machine', status: 'FAILED', started: t0, ended: t0 + 9, path: ['Reserve', 'Charge'] }]);
    expect(d.apiRequests.map(r => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /orders 202', 'POST /orders 403']);
    const html = renderReport([{ title: 'x', simulator }]);
    expect(html).toContain('<td class="path">Reserve → Charge</td>');
    expect(html).toContain('<h3>API requests by status</h3>');
  });
});

test('writeReport needs at least one section', () => {
  expect(() => writeReport(path.join(tmp(), 'r.html'), [])).toThrow('report: give at least one section (a title and a simulator)');
});
