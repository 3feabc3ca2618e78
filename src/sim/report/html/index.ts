/**
 * `sim.report(file)`: what happened in one or more runs as one self-contained HTML file: the architecture diagram,
 * the run as a sequence diagram, queue depths over virtual time, invocations and errors per function, state machine
 * executions, API requests by status, denials with the statement that decided, what was not simulated, the event log.
 *
 * The diagrams are drawn as SVG when the report is written (dagre lays out the architecture) rather than by bundling
 * mermaid's browser build: the file stays small (tens of kilobytes per run instead of 3.5 MB for mermaid 11's minified
 * script alone), opens with no script running, and the CLI draws the same SVG without a browser. The mermaid text of
 * both diagrams is in the page too, to paste into Markdown.
 */
import * as fs from 'fs';
import * as path from 'path';
import { collectSection, ReportSection } from './collect';
import { PageOptions, reportPage } from './page';

export type { ReportSection, ReportSimulator, SectionData } from './collect';
export type { PageOptions } from './page';
export { collectSection } from './collect';
export { explainDenials } from './denials';

/** The report page for the given sections. */
export function renderReport(sections: readonly ReportSection[], options: PageOptions = {}): string {
  if (sections.length === 0) throw new Error('report: give at least one section (a title and a simulator)');
  return reportPage(sections.map(s => ({ data: collectSection(s), simulator: s.simulator })), options);
}

/** Writes the report page to `file` (creating its directory) and returns the file's absolute path. */
export function writeReport(file: string, sections: readonly ReportSection[], options: PageOptions = {}): string {
  const html = renderReport(sections, options);
  const absolute = path.resolve(file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, html);
  return absolute;
}
