// Prints what `cdk synth` created in cdk.out/ (each stack with its resources counted by type), then runs the example
// stacks offline in the simulator (examples/simulate.ts). Exits non-zero when a simulated scenario fails.
import * as fs from 'fs';
import * as path from 'path';
import { simulateExamples } from './simulate';

export interface SynthesizedStack {
  readonly name: string;
  readonly templateFile: string;
  readonly template: any;
}

export function readCloudAssembly(outdir: string): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks: SynthesizedStack[] = [];
  for (const [name, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = path.join(outdir, artifact.properties.templateFile);
    stacks.push({ name, templateFile, template: JSON.parse(fs.readFileSync(templateFile, 'utf8')) });
  }
  return stacks;
}

function countByType(template: any): Map<string, number> {
  const counts = new Map<string, number>();
  for (const resource of Object.values<any>(template.Resources ?? {})) {
    counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
  }
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function main(outdir: string): void {
  const stacks = readCloudAssembly(outdir);
  console.log(`Synthesized ${stacks.length} stacks into ${outdir}/`);
  for (const stack of stacks) {
    const counts = countByType(stack.template);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${stack.name} (${path.basename(stack.templateFile)}): ${total} resources`);
    for (const [type, count] of counts) console.log(`  ${String(count).padStart(3)}  ${type}`);
  }
}

if (require.main === module) {
  const outdir = process.argv[2] ?? 'cdk.out';
  main(outdir);
  simulateExamples(outdir).then(ok => process.exit(ok ? 0 : 1), err => {
    console.error(err);
    process.exit(1);
  });
}
