/**
 * The report in a real browser: Debian's Chromium, headless, driven by playwright-core. The page must render with no
 * console errors, draw both diagrams (SVG nodes present), and leave a screenshot in test-reports/report.png. The
 * diagrams' mermaid text is checked with mermaid itself (its browser build, loaded into a blank page): it parses and
 * renders. CI's .ci/run installs chromium when it is missing; without it this test fails and says so.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';
import { deniedRun, poisonRun } from './runs';
import { writeReport } from '../../../src/sim';

const CHROMIUM = '/usr/bin/chromium';
/** The flags that work on these machines (see the machine notes): no sandbox as root, no background networking. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = path.join(__dirname, '..', '..', '..', 'test-reports');

jest.setTimeout(120_000);

let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium); CI's .ci/run does.`);
  }
  // playwright starts every launch with a fresh temporary profile (--user-data-dir) and removes it on close.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
});

test('the report renders in Chromium with no console errors, both diagrams drawn, and a screenshot written', async () => {
  const poison = await poisonRun();
  const denied = await deniedRun();
  const file = writeReport(path.join(OUT, 'report.html'), [
    { title: 'Poison message', simulator: poison, passed: true },
    { title: 'Denied deliveries', simulator: denied, passed: false },
  ]);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  const errors: string[] = [];
  page.on('console', m => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', e => errors.push(e.message));
  page.on('request', r => {
    if (!r.url().startsWith('file:')) errors.push(`network request: ${r.url()}`);
  });
  await page.goto(`file://${file}`);

  expect(await page.title()).toBe('Simulation report');
  expect(await page.locator('section.run').count()).toBe(2);
  // Each run's architecture has its resources as nodes, its sequence has arrows; both have a real size.
  // (Runs in the page: the DOM is reached through globalThis, which the tests' Node typings know.)
  const counts = await page.evaluate(() => [...(globalThis as any).document.querySelectorAll('section.run')].map((s: any) => ({
    nodes: s.querySelectorAll('.diagram.architecture svg g.node').length,
    messages: s.querySelectorAll('.diagram.sequence svg g.message').length,
    width: s.querySelector('.diagram.architecture svg').getBoundingClientRect().width,
  })));
  expect(counts[0]).toMatchObject({ nodes: 3 }); // Orders, OrdersDlq, Handler
  expect(counts[1]).toMatchObject({ nodes: 3 }); // Topic, Audit, Blocked
  for (const c of counts) {
    expect(c.messages).toBeGreaterThan(0);
    expect(c.width).toBeGreaterThan(100);
  }
  expect(await page.locator('table.denials tbody tr').count()).toBe(2);
  // The event log filter works.
  await page.locator('#run-1 details.event-log summary').click();
  await page.locator('#run-1 input.filter').fill('sqs:SendMessage');
  expect(await page.locator('#run-1 table.events tbody tr:visible').count()).toBe(2);

  await page.screenshot({ path: path.join(OUT, 'report.png'), fullPage: true });
  expect(fs.statSync(path.join(OUT, 'report.png')).size).toBeGreaterThan(10_000);
  expect(errors).toEqual([]);
});

test('the diagrams\' mermaid text parses and renders with mermaid itself', async () => {
  const sim = await poisonRun();
  const texts = [sim.diagram(), sim.trace.toMermaid(), (await deniedRun()).trace.toMermaid(), sim.diagram({ infrastructure: true })];
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.setContent('<html><body></body></html>');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  const results = await page.evaluate(async (all: string[]) => {
    const mermaid = (globalThis as any).mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const out: string[] = [];
    for (const [i, text] of all.entries()) {
      try {
        await mermaid.parse(text);
        const { svg } = await mermaid.render(`d${i}`, text);
        out.push(svg.includes('<svg') ? 'ok' : 'no svg');
      } catch (e) {
        out.push(String((e as Error).message ?? e));
      }
    }
    return out;
  }, texts);
  expect(results).toEqual(texts.map(() => 'ok'));
  expect(errors).toEqual([]);
});
