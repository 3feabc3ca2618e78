/**
 * What the CLI loads: a cloud assembly directory (`cdk.out`, every stack or the one `--stack` names) or one template
 * file (JSON, as `cdk synth` writes it). Bad input becomes one line (UsageError).
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './io';
import { classesOfTree, ConstructClasses } from '../report/diagram';
import { Simulator, SimulatorOptions } from '../simulator';

export interface Loaded {
  readonly sim: Simulator;
  /** Construct classes from the assembly's tree.json, for the diagram's group labels. */
  readonly classes: ConstructClasses;
  /** What was loaded, in words (`cdk.out (QueueExample)`). */
  readonly name: string;
}

export function loadSource(source: string, options: { stack?: string } & Omit<SimulatorOptions, 'stack'> = {}): Loaded {
  const { stack, ...simOptions } = options;
  if (!fs.existsSync(source)) throw new UsageError(`${source}: no such file or directory`);
  if (fs.statSync(source).isDirectory()) {
    let sim: Simulator;
    try {
      sim = Simulator.fromAssembly(source, { ...simOptions, stack });
    } catch (e) {
      throw new UsageError(firstLine(e));
    }
    return { sim, classes: treeClasses(source), name: `${source}${stack ? ` (${stack})` : ''}` };
  }
  if (stack !== undefined) throw new UsageError(`--stack ${stack}: ${source} is one template; --stack picks a stack of a cloud assembly directory`);
  let template: unknown;
  try {
    template = JSON.parse(fs.readFileSync(source, 'utf8'));
  } catch (e) {
    throw new UsageError(`${source}: not a JSON template (${firstLine(e)})`);
  }
  if (!template || typeof template !== 'object' || !('Resources' in template)) throw new UsageError(`${source}: not a CloudFormation template (no Resources)`);
  const stackName = path.basename(source).replace(/\.template\.json$|\.json$/, '') || 'SimStack';
  try {
    return { sim: Simulator.fromTemplate(template, { ...simOptions, stackName }), classes: new Map(), name: source };
  } catch (e) {
    throw new UsageError(`${source}: ${firstLine(e)}`);
  }
}

function treeClasses(dir: string): ConstructClasses {
  const file = path.join(dir, 'tree.json');
  if (!fs.existsSync(file)) return new Map();
  try {
    return classesOfTree(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return new Map();
  }
}

export function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}
