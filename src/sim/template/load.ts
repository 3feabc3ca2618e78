import { TemplateResource } from '../runtime';
import { ResolveScope } from './context';
import { templateError, UnsupportedTemplateFeatureError } from './errors';
import { dependencyOrder } from './graph';
import { genericResource, NAMERS } from './naming';
import { resolveParameters } from './parameters';
import { isPseudoParameter } from './pseudo-parameters';
import { referencedNames, resolveValue } from './resolve';
import { LoadedTemplate, LoadTemplateOptions, SkippedTemplateResource, UnsupportedResource } from './types';

interface RawResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
  readonly Metadata?: Record<string, unknown>;
}

interface Built {
  readonly resource: TemplateResource;
  /** Mutable view of `resource.attributes`: placeholders are added when a template asks for an unknown attribute. */
  readonly attributes: Record<string, string>;
}

/**
 * Resolves a CloudFormation template: parameters (defaults and overrides), conditions, resource conditions, every
 * intrinsic function, and the physical names, Ref values and attributes AWS would assign, in dependency order.
 */
export function loadTemplate(template: object, options: LoadTemplateOptions): LoadedTemplate {
  const t = template as Record<string, any>;
  if (t === null || typeof t !== 'object' || Array.isArray(t)) throw templateError('Template', 'Template format error: the template must be a JSON object');
  if (t.Transform !== undefined) {
    throw new UnsupportedTemplateFeatureError('Template', `Transform ${JSON.stringify(t.Transform)}`,
      'transforms run inside CloudFormation; load the processed template instead');
  }
  const rawResources: Record<string, RawResource> = t.Resources ?? {};
  if (typeof rawResources !== 'object' || Object.keys(rawResources).length === 0) {
    throw templateError('Template', 'Template format error: At least one Resources member must be defined.');
  }
  const { env } = options;
  const prefix = options.idPrefix ?? '';
  const parameters = resolveParameters(t.Parameters, options.parameters);
  const mappings: Record<string, any> = t.Mappings ?? {};
  const conditionDefs: Record<string, unknown> = t.Conditions ?? {};

  const built = new Map<string, Built>();
  const skipped = new Map<string, SkippedTemplateResource>();
  const unsupported: UnsupportedResource[] = [];
  const conditionValues = new Map<string, boolean>();
  const evaluating: string[] = [];

  const scopeFor = (where: string, section: ResolveScope['section']): ResolveScope => {
    const scope: ResolveScope = {
      env,
      where,
      section,
      parameters,
      mappings,
      exports: options.exports ?? new Map(),
      condition: name => evaluateCondition(name, where),
      resourceRef: logicalId => builtResource(logicalId, where).resource.ref,
      resourceAttribute: (logicalId, attribute) => attributeOf(builtResource(logicalId, where), attribute),
      resolve: value => resolveValue(value, scope),
    };
    return scope;
  };

  function evaluateCondition(name: string, where: string): boolean {
    const known = conditionValues.get(name);
    if (known !== undefined) return known;
    if (!Object.prototype.hasOwnProperty.call(conditionDefs, name)) {
      throw templateError(where, `Template format error: Unresolved condition dependency ${name}`);
    }
    if (evaluating.includes(name)) {
      throw templateError('Conditions', `Template error: Circular dependency between conditions: [${evaluating.slice(evaluating.indexOf(name)).sort().join(', ')}]`);
    }
    evaluating.push(name);
    const value = resolveValue(conditionDefs[name], scopeFor(`Conditions/${name}`, 'Conditions'));
    evaluating.pop();
    if (typeof value !== 'boolean') throw templateError(`Conditions/${name}`, 'Template error: a condition must be a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not) or a Condition reference');
    conditionValues.set(name, value);
    return value;
  }

  function builtResource(logicalId: string, where: string): Built {
    const b = built.get(logicalId);
    if (b) return b;
    if (skipped.has(logicalId)) {
      throw templateError(where, `Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template (its Condition '${skipped.get(logicalId)!.condition}' is false)`);
    }
    throw templateError(where, `Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template`);
  }

  function attributeOf(b: Built, attribute: string): string {
    const value = b.attributes[attribute];
    if (value !== undefined) return value;
    // Not modelled for this type (or an unknown type): a placeholder that names itself, listed as unsupported.
    const placeholder = `sim-placeholder:${b.resource.logicalId}.${attribute}`;
    b.attributes[attribute] = placeholder;
    unsupported.push({
      logicalId: b.resource.logicalId,
      type: b.resource.type,
      reason: `Fn::GetAtt ${b.resource.logicalId}.${attribute} is not modelled for ${b.resource.type}; a placeholder value was used`,
      impact: 'placeholder',
    });
    return placeholder;
  }

  // Validate the resources and collect their dependencies.
  const ids = Object.keys(rawResources);
  const dependencies = new Map<string, Set<string>>();
  for (const id of ids) {
    const raw = rawResources[id];
    if (!raw || typeof raw !== 'object' || typeof raw.Type !== 'string') {
      throw templateError(id, `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`);
    }
    const deps = new Set<string>();
    const unresolved: string[] = [];
    for (const name of referencedNames(raw.Properties ?? {})) {
      if (Object.prototype.hasOwnProperty.call(rawResources, name)) deps.add(name);
      else if (!isPseudoParameter(name) && !Object.prototype.hasOwnProperty.call(parameters, name)) unresolved.push(name);
    }
    const dependsOn = raw.DependsOn === undefined ? [] : Array.isArray(raw.DependsOn) ? raw.DependsOn : [raw.DependsOn];
    for (const name of dependsOn) {
      if (Object.prototype.hasOwnProperty.call(rawResources, name)) deps.add(name);
      else unresolved.push(name);
    }
    if (unresolved.length > 0) {
      throw templateError(id, `Template format error: Unresolved resource dependencies [${[...new Set(unresolved)].join(', ')}] in the Resources block of the template`);
    }
    deps.delete(id);
    if (referencedNames(raw.Properties ?? {}).has(id)) {
      throw templateError('Template', `Circular dependency between resources: [${id}]`);
    }
    dependencies.set(id, deps);
  }

  const order = dependencyOrder(ids, dependencies);
  const resources: TemplateResource[] = [];
  for (const id of order) {
    const raw = rawResources[id];
    const path = cdkPath(raw) ?? options.paths?.get(id);
    if (raw.Condition !== undefined) {
      if (typeof raw.Condition !== 'string') throw templateError(id, 'Template format error: a resource Condition must be a condition name string');
      if (!evaluateCondition(raw.Condition, id)) {
        skipped.set(id, { logicalId: prefix + id, type: raw.Type, condition: raw.Condition, path });
        continue;
      }
    }
    const properties = resolveValue(raw.Properties ?? {}, scopeFor(id, 'Resources')) as Record<string, any>;
    const namer = NAMERS[raw.Type] ?? genericResource;
    const identity = namer({ logicalId: id, type: raw.Type, properties, env, ids: options.ids });
    const attributes = { ...identity.attributes };
    const resource: TemplateResource = { logicalId: prefix + id, type: raw.Type, properties, path, ref: identity.ref, attributes };
    built.set(id, { resource, attributes });
    resources.push(resource);
  }

  for (const name of Object.keys(conditionDefs)) evaluateCondition(name, 'Conditions');

  const outputs: Record<string, unknown> = {};
  const exported = new Map<string, unknown>();
  for (const [name, output] of Object.entries<any>(t.Outputs ?? {})) {
    if (output?.Condition !== undefined && !evaluateCondition(String(output.Condition), `Outputs/${name}`)) continue;
    outputs[name] = resolveValue(output?.Value, scopeFor(`Outputs/${name}`, 'Outputs'));
    if (output?.Export?.Name !== undefined) {
      const exportName = resolveValue(output.Export.Name, scopeFor(`Outputs/${name}`, 'Outputs'));
      if (typeof exportName !== 'string') throw templateError(`Outputs/${name}`, 'Template error: Export Name must resolve to a string');
      exported.set(exportName, outputs[name]);
    }
  }

  const conditions: Record<string, boolean> = {};
  for (const [name, value] of conditionValues) conditions[name] = value;
  return { resources, skipped: [...skipped.values()], unsupported, parameters, conditions, outputs, exports: exported };
}

function cdkPath(raw: RawResource): string | undefined {
  const p = raw.Metadata?.['aws:cdk:path'];
  return typeof p === 'string' ? p : undefined;
}
