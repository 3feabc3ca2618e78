/**
 * A scenario file: a JSON or YAML list of steps (or `{ name, steps: [...] }`). Each step is an object with one key,
 * the step's name, whose value holds its arguments:
 *
 * ```yaml
 * name: poison message
 * steps:
 *   - handler: { function: OrderHandler/Function, throws: cannot parse order }
 *   - send: { queue: Orders/Queue, body: not json }
 *   - run: until-idle
 *   - expect: { queue: Orders/DeadLetterQueue, messages: 1 }
 * ```
 */
import * as fs from 'fs';
import type * as Yaml from 'yaml';
import { UsageError } from '../io';
import { firstLine } from '../load';

export interface ScenarioStep {
  /** 1-based position in the file. */
  readonly index: number;
  readonly name: string;
  readonly args: unknown;
}

export interface Scenario {
  readonly name?: string;
  readonly steps: readonly ScenarioStep[];
}

export function readScenario(file: string, known: readonly string[]): Scenario {
  if (!fs.existsSync(file)) throw new UsageError(`--scenario ${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    if (/\.json$/i.test(file)) {
      doc = JSON.parse(text);
    } else {
      // Loaded here: only scenario files need a YAML parser (YAML is a superset of JSON, so .json-less files may be either).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const yaml = require('yaml') as typeof Yaml;
      doc = yaml.parse(text);
    }
  } catch (e) {
    throw new UsageError(`--scenario ${file}: cannot be read as ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${firstLine(e)}`);
  }
  return scenarioOf(doc, file, known);
}

export function scenarioOf(doc: unknown, file: string, known: readonly string[]): Scenario {
  const list = Array.isArray(doc) ? doc : (doc as { steps?: unknown })?.steps;
  const name = !Array.isArray(doc) && typeof (doc as { name?: unknown })?.name === 'string' ? (doc as { name: string }).name : undefined;
  if (!Array.isArray(list)) throw new UsageError(`--scenario ${file}: expected a list of steps (or { steps: [...] })`);
  const steps = list.map((raw, i): ScenarioStep => {
    const where = `--scenario ${file}: step ${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${where} is not an object naming a step (one of: ${known.join(', ')})`);
    const keys = Object.keys(raw);
    if (keys.length !== 1) {
      throw new UsageError(`${where} names ${keys.length === 0 ? 'no step' : `${keys.length} steps (${keys.join(', ')})`}; give exactly one of: ${known.join(', ')}`);
    }
    const stepName = keys[0];
    if (!known.includes(stepName)) throw new UsageError(`${where}: '${stepName}' is not a step (one of: ${known.join(', ')})`);
    return { index: i + 1, name: stepName, args: (raw as Record<string, unknown>)[stepName] };
  });
  return { name, steps };
}
