/**
 * AWS::StepFunctions::StateMachine as CloudFormation creates it: the definition (Definition, or DefinitionString
 * with DefinitionSubstitutions), its type, role and name. An invalid definition fails the load with
 * `InvalidDefinition` and CreateStateMachine's message; features the simulator does not model are reported.
 */
import { definitionMessage, validateDefinition } from './validate';
import { SeededIds, TemplateLoadError } from '../../kernel';
import type { SimContext, TemplateResource } from '../../runtime';
import type { Block, MachineRuntime } from '../execution/env';
import { unsupportedResource } from '../integrations';
import type { IntrinsicContext } from '../intrinsics/types';
import { JsonataEngine } from '../jsonata/evaluate';
import { PathCache } from '../paths/jsonpath';

export interface StateMachineModel {
  readonly logicalId: string;
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  readonly definitionText: string;
  /** When the simulation created it (DescribeStateMachine's creationDate). */
  readonly createdAt: number;
  readonly loggingConfiguration?: unknown;
  readonly tracingConfiguration?: unknown;
  readonly runtimeParts: Pick<MachineRuntime, 'logicalId' | 'arn' | 'name' | 'type' | 'roleArn' | 'definition' | 'paths' | 'jsonata' | 'intrinsics'>;
}

export function loadStateMachine(r: TemplateResource, ctx: SimContext): StateMachineModel {
  const p = r.properties;
  const type = (p.StateMachineType ?? 'STANDARD') as string;
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new TemplateLoadError(r.logicalId, 'ValidationError', `Properties validation failed for resource ${r.logicalId} with message: #/StateMachineType: ${type} is not a valid enum value`);
  }
  if (p.DefinitionS3Location !== undefined) {
    throw new TemplateLoadError(r.logicalId, 'InvalidDefinition', 'DefinitionS3Location is not simulated: the definition must be in the template (Definition or DefinitionString)');
  }
  let text: string;
  if (p.Definition !== undefined) text = JSON.stringify(p.Definition);
  else if (typeof p.DefinitionString === 'string') text = p.DefinitionString;
  else throw new TemplateLoadError(r.logicalId, 'ValidationError', `Properties validation failed for resource ${r.logicalId} with message: #: required key [DefinitionString] not found`);
  for (const [key, value] of Object.entries((p.DefinitionSubstitutions ?? {}) as Record<string, unknown>)) {
    text = text.split(`\${${key}}`).join(typeof value === 'string' ? value : JSON.stringify(value));
  }
  let definition: Record<string, any>;
  try {
    definition = JSON.parse(text);
  } catch (e) {
    throw new TemplateLoadError(r.logicalId, 'InvalidDefinition', `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(e as Error).message}'`);
  }
  const problems = validateDefinition(definition, { type });
  if (problems.length > 0) throw new TemplateLoadError(r.logicalId, 'InvalidDefinition', definitionMessage(problems));
  const roleArn = typeof p.RoleArn === 'string' ? p.RoleArn : `arn:${ctx.env.partition}:iam::${ctx.env.account}:role/${r.logicalId}Role`;
  const name = r.attributes.Name ?? r.ref.split(':').pop()!;
  const arn = r.attributes.Arn ?? r.ref;
  for (const reason of unsupportedFields(definition)) ctx.reportUnsupported(r.logicalId, r.type, reason);
  for (const resource of taskResources(definition)) {
    const why = unsupportedResource(resource);
    if (why) ctx.reportUnsupported(r.logicalId, r.type, why);
  }
  if (p.LoggingConfiguration !== undefined) ctx.reportUnsupported(r.logicalId, r.type, 'LoggingConfiguration: execution logs are not written to CloudWatch Logs (read the execution history and the trace)');
  if (p.TracingConfiguration?.Enabled === true || p.TracingConfiguration?.Enabled === 'true') ctx.reportUnsupported(r.logicalId, r.type, 'TracingConfiguration: X-Ray traces are not recorded');
  const intrinsics: IntrinsicContext = {
    random: seed => (seed === undefined ? ctx.ids.random() : new SeededIds(seed).random()),
    uuid: () => ctx.ids.uuid(),
  };
  return {
    logicalId: r.logicalId,
    arn,
    name,
    type,
    roleArn,
    definitionText: text,
    createdAt: ctx.clock.now(),
    loggingConfiguration: p.LoggingConfiguration,
    tracingConfiguration: p.TracingConfiguration,
    runtimeParts: {
      logicalId: r.logicalId,
      arn,
      name,
      type,
      roleArn,
      definition: definition as Block,
      paths: new PathCache(),
      jsonata: new JsonataEngine(intrinsics),
      intrinsics,
    },
  };
}

/** Every Task Resource of the definition, nested blocks included. */
function taskResources(block: Record<string, any>): string[] {
  const out: string[] = [];
  for (const s of Object.values((block.States ?? {}) as Record<string, any>)) {
    if (s.Type === 'Task' && typeof s.Resource === 'string') out.push(s.Resource);
    for (const b of s.Branches ?? []) out.push(...taskResources(b));
    if (s.ItemProcessor ?? s.Iterator) out.push(...taskResources(s.ItemProcessor ?? s.Iterator));
  }
  return out;
}

/** Fields of the definition the simulator reads but does not honour, each reported once per state. */
function unsupportedFields(block: Record<string, any>): string[] {
  const out: string[] = [];
  for (const [name, s] of Object.entries((block.States ?? {}) as Record<string, any>)) {
    if (s.ResultWriter?.WriterConfig !== undefined) {
      out.push(`state '${name}': ResultWriter.WriterConfig (output type and transformation) is not simulated; results are written as JSON`);
    }
    for (const b of s.Branches ?? []) out.push(...unsupportedFields(b));
    if (s.ItemProcessor ?? s.Iterator) out.push(...unsupportedFields(s.ItemProcessor ?? s.Iterator));
  }
  return out;
}
