/**
 * The HTML report: one self-contained page (inline CSS and SVG, a few lines of script to filter the event log; no
 * network), one section per simulator, an overview of all sections at the top.
 */
import { barChart, PALETTE, stepChart } from './charts';
import { SectionData } from './collect';
import { buildSequence, formatTime } from '../sequence/build';
import { sequenceMermaid } from '../sequence/mermaid';
import { sequenceSvg } from '../sequence/svg';
import { esc } from '../svg-util';
import type { ReportSimulator } from './collect';

/** Rows of the event log written into the page; the rest are counted. */
const EVENT_LOG_LIMIT = 2000;
/** Rows of the run's sequence diagram. */
const SEQUENCE_LIMIT = 120;

export interface PageOptions {
  readonly title?: string;
  /** The time the report was written (shown in the header). @default now */
  readonly generated?: Date;
}

export function reportPage(sections: ReadonlyArray<{ data: SectionData; simulator: ReportSimulator }>, options: PageOptions = {}): string {
  const title = options.title ?? 'Simulation report';
  const generated = (options.generated ?? new Date()).toISOString().replace('T', ' ').slice(0, 19);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="sub">cdk-decoupling-patterns offline simulator · ${sections.length} ${sections.length === 1 ? 'run' : 'runs'} · written ${esc(generated)} UTC · all times are virtual</p></header>
<main>
${overview(sections.map(s => s.data))}
${sections.map((s, i) => section(s.data, s.simulator, i)).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function overview(sections: readonly SectionData[]): string {
  const rows = sections.map((d, i) => {
    const s = d.summary;
    const issues = [
      s.errors ? `${s.errors} function errors` : '',
      s.deadLettered ? `${s.deadLettered} dead-lettered` : '',
      s.denials ? `${s.denials} denied` : '',
      s.alarmsInAlarm.length ? `${s.alarmsInAlarm.length} in ALARM` : '',
      s.problems ? `${s.problems} problems` : '',
    ].filter(Boolean);
    return `<tr><td>${badge(d.passed)}</td><td><a href="#run-${i}">${esc(d.title)}</a></td><td class="num">${s.events}</td>`
      + `<td class="num">${esc(formatTime(d.end, d.start, 'relative'))}</td><td>${issues.length ? `<span class="bad">${esc(issues.join(', '))}</span>` : '<span class="muted">none</span>'}</td></tr>`;
  });
  return '<section class="overview"><table class="runs"><thead><tr><th></th><th>Run</th><th>Events</th><th>Virtual time</th><th>Failures seen</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table></section>`;
}

function section(d: SectionData, sim: ReportSimulator, i: number): string {
  const s = d.summary;
  const cards = [
    card('events', s.events),
    card('published', s.published),
    card('sent to queues', s.sent),
    card('delivered', s.delivered),
    card('filtered out', s.filteredOut),
    card('invocations', s.invocations),
    card('function errors', s.errors, s.errors > 0),
    card('dead-lettered', s.deadLettered, s.deadLettered > 0),
    card('denied', s.denials, s.denials > 0),
    card('alarms in ALARM', s.alarmsInAlarm.length, s.alarmsInAlarm.length > 0),
  ];
  const sequence = buildSequence(d.events, sim.resources, d.start, { limit: SEQUENCE_LIMIT });
  const parts = [
    `<section class="run" id="run-${i}">`,
    `<h2>${[badge(d.passed), esc(d.title)].filter(Boolean).join(' ')}</h2>`,
    `<p class="sub">account ${esc(d.env.account)} · ${esc(d.env.region)} · ${esc(formatTime(d.end, d.start, 'relative'))} of virtual time · `
      + `from ${esc(new Date(d.start).toISOString())}</p>`,
    d.notes.length ? `<ul class="checks">${d.notes.map(n => `<li class="${/^\s*FAIL/.test(n) ? 'bad' : 'ok'}">${esc(n)}</li>`).join('')}</ul>` : '',
    `<div class="cards">${cards.join('')}</div>`,
    s.alarmsInAlarm.length ? `<p class="bad">In ALARM at the end: ${esc(s.alarmsInAlarm.join(', '))}</p>` : '',
    '<h3>Architecture</h3>',
    `<div class="diagram architecture">${sim.diagram({ format: 'svg' })}</div>`,
    `<details><summary>mermaid source</summary><pre>${esc(sim.diagram())}</pre></details>`,
    '<h3>What happened</h3>',
    sequence.rows.length
      ? `<div class="diagram sequence">${sequenceSvg(sequence)}</div><details><summary>mermaid source</summary><pre>${esc(sequenceMermaid(sequence))}</pre></details>`
      : '<p class="muted">Nothing happened in this run.</p>',
    charts(d),
    executions(d),
    apiRequests(d),
    denials(d),
    notSimulated(d),
    eventLog(d),
    '</section>',
  ];
  return parts.filter(Boolean).join('\n');
}

function charts(d: SectionData): string {
  const figures: string[] = [];
  if (d.queueDepths.length > 0) {
    figures.push(`<figure><figcaption>Messages in each queue over virtual time</figcaption>${stepChart(d.queueDepths.slice(0, PALETTE.length), d.start, d.end, 'messages')}</figure>`);
  }
  if (d.functions.length > 0) {
    const groups = d.functions.map(f => ({
      label: f.label,
      values: [
        { name: 'invocations', value: f.invocations, colour: '#3b6fd4' },
        { name: 'errors', value: f.errors, colour: '#c62828' },
        ...(f.throttles ? [{ name: 'throttles', value: f.throttles, colour: '#b8860b' }] : []),
      ],
    }));
    figures.push(`<figure><figcaption>Invocations and errors per function</figcaption>${barChart(groups)}</figure>`);
  }
  return figures.length ? `<h3>Queues and functions</h3><div class="charts">${figures.join('')}</div>` : '';
}

function executions(d: SectionData): string {
  if (d.executions.length === 0) return '';
  const rows = d.executions.map(x => `<tr><td>${esc(x.machine)}</td><td>${esc(x.name)}</td><td class="${x.status === 'SUCCEEDED' ? 'ok' : x.status === 'RUNNING' ? '' : 'bad'}">`
    + `${esc(x.status)}</td><td>${esc(formatTime(x.started, d.start, 'relative'))}</td><td>${x.ended === undefined ? '' : esc(formatTime(x.ended, d.start, 'relative'))}</td>`
    + `<td class="path">${x.path.map(esc).join(' → ')}</td></tr>`);
  return '<h3>State machine executions</h3><table class="executions"><thead><tr><th>State machine</th><th>Execution</th><th>Status</th><th>Started</th>'
    + `<th>Ended</th><th>Path</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function apiRequests(d: SectionData): string {
  if (d.apiRequests.length === 0) return '';
  const byStatus = new Map<number, number>();
  for (const r of d.apiRequests) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const colour = (status: number) => (status < 300 ? '#2e7d32' : status < 500 ? '#d86613' : '#c62828');
  const chart = barChart([...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => ({
    label: String(status), values: [{ name: 'requests', value: count, colour: colour(status) }],
  })));
  const rows = d.apiRequests.slice(0, 200).map(r => `<tr><td>${esc(formatTime(r.time, d.start, 'relative'))}</td><td>${esc(r.api)}</td><td>${esc(r.method)}</td>`
    + `<td>${esc(r.path)}</td><td class="${r.status < 400 ? 'ok' : 'bad'}">${r.status}</td></tr>`);
  return `<h3>API requests by status</h3><div class="charts"><figure>${chart}</figure></div>`
    + `<table class="api-requests"><thead><tr><th>Time</th><th>API</th><th>Method</th><th>Path</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function denials(d: SectionData): string {
  if (d.denials.length === 0) return '';
  const rows = d.denials.map(x => `<tr><td>${esc(formatTime(x.time, d.start, 'relative'))}</td><td>${esc(x.resourceLabel)}</td><td><code>${esc(x.action)}</code></td>`
    + `<td>${esc(x.principal)}${x.sourceArn ? `<br><span class="muted">${esc(x.sourceArn)}</span>` : ''}</td><td>${esc(x.explanation)}`
    + `${x.statements.length ? `<details><summary>${x.statements.length} statement${x.statements.length === 1 ? '' : 's'} about ${esc(x.action)}</summary>`
      + x.statements.map(s => `<div class="statement${s.applies ? ' applies' : ''}"><b>${esc(s.policy)} ${esc(s.sid)}</b> (${esc(s.effect)}${s.applies ? ', applies' : ', does not apply'})`
        + `<pre>${esc(JSON.stringify(JSON.parse(s.json), null, 1))}</pre></div>`).join('') + '</details>' : ''}</td></tr>`);
  return '<h3>Denials</h3><table class="denials"><thead><tr><th>Time</th><th>Resource</th><th>Action</th><th>Principal</th><th>Decided by</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

function notSimulated(d: SectionData): string {
  if (d.unsupported.length === 0 && d.problems.length === 0) return '';
  const problems = d.problems.map(p => `<li class="bad">${esc(formatTime(p.time, d.start, 'relative'))} ${esc(d.label(p.resource))}: ${esc(p.message)}</li>`);
  const groups = new Map<string, number>();
  for (const u of d.unsupported) groups.set(u.impact, (groups.get(u.impact) ?? 0) + 1);
  const rows = d.unsupported.map(u => `<tr><td>${esc(u.impact)}</td><td>${esc(d.label(u.logicalId))}</td><td>${esc(u.type)}</td><td>${esc(u.reason)}</td></tr>`);
  return '<h3>Not simulated</h3>'
    + (problems.length ? `<ul class="problems">${problems.join('')}</ul>` : '')
    + (rows.length ? `<details><summary>${[...groups].map(([k, v]) => `${v} ${k}${v === 1 ? '' : 's'}`).join(', ')} not simulated (see sim.unsupported)</summary>`
      + `<table class="unsupported"><thead><tr><th>Impact</th><th>Resource</th><th>Type</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>` : '');
}

function eventLog(d: SectionData): string {
  const shown = d.events.slice(0, EVENT_LOG_LIMIT);
  const rows = shown.map(e => `<tr><td>${esc(formatTime(e.time, d.start, 'relative'))}</td><td>${esc(e.service)}</td><td>${esc(d.label(e.resource))}</td>`
    + `<td>${esc(e.type)}</td><td class="detail">${esc(compact(e.detail))}</td></tr>`);
  const more = d.events.length > shown.length ? `<p class="muted">${d.events.length - shown.length} more events not listed.</p>` : '';
  return `<details class="event-log"><summary>Event log (${d.events.length} events)</summary><input type="search" class="filter" placeholder="filter events">`
    + `<table class="events"><thead><tr><th>Time</th><th>Service</th><th>Resource</th><th>Type</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</details>`;
}

function card(label: string, value: number, bad = false): string {
  return `<div class="card${bad ? ' bad' : ''}"><div class="value">${value}</div><div class="label">${esc(label)}</div></div>`;
}

function badge(passed: boolean | undefined): string {
  if (passed === undefined) return '';
  return passed ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
}

function compact(detail: unknown): string {
  const s = JSON.stringify(detail) ?? '';
  return s.length > 240 ? `${s.slice(0, 239)}…` : s;
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a202c; background: #f4f6f9; }
header { background: #1f2a44; color: #fff; padding: 14px 28px; }
header h1 { margin: 0; font-size: 22px; }
header .sub { color: #c3cbe0; margin: 2px 0 0; }
main { padding: 16px 28px 40px; }
section.run, section.overview { background: #fff; border: 1px solid #dde3ea; border-radius: 8px; padding: 14px 20px; margin-bottom: 18px; }
h2 { margin: 4px 0; font-size: 19px; }
h3 { margin: 18px 0 8px; font-size: 15px; color: #2d3748; border-bottom: 1px solid #edf2f7; padding-bottom: 3px; }
.sub, .muted { color: #718096; }
.bad { color: #c62828; }
.ok { color: #2e7d32; }
.badge { font-size: 11px; font-weight: 700; padding: 2px 7px; border-radius: 10px; vertical-align: middle; }
.badge.pass { background: #e6f4ea; color: #2e7d32; }
.badge.fail { background: #fde2e2; color: #c62828; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
.card { border: 1px solid #e2e8f0; border-radius: 6px; padding: 6px 12px; min-width: 84px; background: #fafbfc; }
.card .value { font-size: 20px; font-weight: 650; }
.card .label { font-size: 11px; color: #718096; }
.card.bad { border-color: #f5b5b5; background: #fff5f5; }
.card.bad .value { color: #c62828; }
.diagram { overflow-x: auto; border: 1px solid #edf2f7; border-radius: 6px; padding: 6px; background: #fff; }
.diagram svg { max-width: 100%; height: auto; display: block; }
.diagram.sequence svg { max-width: none; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; border: 1px solid #edf2f7; border-radius: 6px; padding: 8px; }
figcaption { font-size: 12px; font-weight: 600; color: #4a5568; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf2f7; vertical-align: top; }
th { background: #f7fafc; font-weight: 600; }
td.num { text-align: right; }
td.detail { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; word-break: break-all; }
td.path { font-size: 12px; }
table.runs { width: auto; min-width: 60%; }
ul.checks { margin: 6px 0; padding-left: 18px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
details { margin: 6px 0; }
summary { cursor: pointer; color: #3b6fd4; }
pre { background: #f7fafc; border: 1px solid #edf2f7; padding: 8px; overflow-x: auto; font-size: 11.5px; }
.statement { margin: 4px 0; }
.statement.applies b { color: #c62828; }
input.filter { margin: 6px 0; padding: 4px 8px; width: 260px; border: 1px solid #cbd5e0; border-radius: 4px; }
`;

/** Filters the event log's rows by the text typed (no other script on the page). */
const SCRIPT = `
document.querySelectorAll('details.event-log').forEach(function (log) {
  var input = log.querySelector('input.filter');
  var rows = log.querySelectorAll('tbody tr');
  input.addEventListener('input', function () {
    var q = input.value.toLowerCase();
    rows.forEach(function (row) { row.style.display = row.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none'; });
  });
});
`;
