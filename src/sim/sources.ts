/**
 * Where templates come from: a CDK stack synthesized for the simulator, every stack of an app, or a cloud assembly on
 * disk (`cdk.out`). Each source carries what names its resources: construct objects and construct paths.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';

/** One stack's template and what names its resources. */
export interface StackSource {
  readonly stackName: string;
  readonly template: object;
  /** The stack's concrete account and region, when it has them. */
  readonly account?: string;
  readonly region?: string;
  /** Construct objects (CfnResource) of the stack, by logical id in its template. */
  readonly constructIds: ReadonlyMap<object, string>;
  /** Construct paths by logical id. */
  readonly paths: ReadonlyMap<string, string>;
  /** Names of the stacks this one imports values from or depends on. */
  readonly dependencies: readonly string[];
  /** The cloud assembly directory the template was synthesized into (its asset directories hold function code). */
  readonly assemblyDir?: string;
}

/**
 * Synthesizes `stack` for the simulator. aws-cdk-lib's built-in CloudFormation validation costs seconds per app and
 * checks what the simulator checks itself on load, so it is switched off for this synthesis with `CDK_VALIDATION=false`,
 * one of the ways the aws-cdk-lib App documentation gives to disable it, set only while this synthesis runs and
 * restored after. The user's own validation plugins (cdk-nag, say) still run; the app's settings are not touched.
 * aws-cdk-lib caches an app's synthesis, so a stack synthesized before (by `Template.fromStack`) is read from it.
 */
export function synthesizeStack(stack: Stack): StackSource {
  const stage = Stage.of(stack);
  if (!stage) throw new Error(`Simulator.fromStack(${stack.node.path}): the stack is not part of an App or a Stage`);
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  let assembly;
  try {
    assembly = stage.synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
  const template = stack.nestedStackParent
    ? JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8'))
    : assembly.getStackArtifact(stack.artifactId).template;
  const constructIds = new Map<object, string>();
  const paths = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
    const logicalId = stack.resolve(c.logicalId) as string;
    constructIds.set(c, logicalId);
    paths.set(logicalId, c.node.path);
  }
  const concrete = (v: string) => (Token.isUnresolved(v) ? undefined : v);
  return {
    stackName: stack.stackName,
    template,
    account: concrete(stack.account),
    region: concrete(stack.region),
    constructIds,
    paths,
    dependencies: stack.dependencies.map(d => d.stackName),
    assemblyDir: assembly.directory,
  };
}

/** Every stack of an app or stage (nested stages included), in construct order. */
export function stacksOf(scope: Stage): Stack[] {
  return scope.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !c.nestedStackParent);
}

/**
 * The stacks of a synthesized cloud assembly (`cdk.out`): its manifest's `aws:cloudformation:stack` artifacts. The
 * templates carry `aws:cdk:path` metadata (unless the app turned it off), so construct paths name resources.
 */
export function assemblySources(dir: string, only?: string): StackSource[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`Simulator.fromAssembly('${dir}'): no manifest.json there; run cdk synth first (or give the cloud assembly directory)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const sources: StackSource[] = [];
  const names: string[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const stackName: string = artifact.properties?.stackName ?? id;
    names.push(stackName);
    if (only !== undefined && only !== stackName && only !== id && only !== artifact.displayName) continue;
    const template = JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8'));
    const env = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(artifact.environment ?? '');
    const concrete = (v: string | undefined) => (v && !v.startsWith('unknown-') ? v : undefined);
    const dependencies = (artifact.dependencies ?? [])
      .map((d: string) => manifest.artifacts?.[d])
      .filter((a: any) => a?.type === 'aws:cloudformation:stack')
      .map((a: any) => a.properties?.stackName);
    sources.push({
      stackName,
      template,
      account: concrete(env?.[1]),
      region: concrete(env?.[2]),
      constructIds: new Map(),
      paths: new Map(),
      dependencies,
      assemblyDir: path.resolve(dir),
    });
  }
  if (only !== undefined && sources.length === 0) {
    throw new Error(`Simulator.fromAssembly('${dir}', { stack: '${only}' }): no such stack. Stacks: ${names.join(', ') || '(none)'}`);
  }
  if (sources.length === 0) throw new Error(`Simulator.fromAssembly('${dir}'): the assembly has no stacks`);
  return sources;
}

/** Orders stacks so each comes after the stacks it depends on (CloudFormation deploys exporters first). */
export function deploymentOrder(sources: readonly StackSource[]): StackSource[] {
  const byName = new Map(sources.map(s => [s.stackName, s]));
  const ordered: StackSource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: StackSource) => {
    const seen = state.get(s.stackName);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`Simulator: circular dependency between stacks involving ${s.stackName}`);
    state.set(s.stackName, 'visiting');
    for (const d of s.dependencies) {
      const dep = byName.get(d);
      if (dep) visit(dep);
    }
    state.set(s.stackName, 'done');
    ordered.push(s);
  };
  for (const s of sources) visit(s);
  return ordered;
}
