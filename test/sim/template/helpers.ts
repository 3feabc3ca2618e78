import { SeededIds } from '../../../src/sim/kernel';
import { SimEnvironment, TemplateResource } from '../../../src/sim/runtime';
import { LoadedTemplate, loadTemplate } from '../../../src/sim/template';
import { TEST_ENV } from '../fixtures';

export interface LoadOptions {
  readonly env?: Partial<SimEnvironment>;
  readonly parameters?: Record<string, unknown>;
  readonly seed?: number;
}

export interface ProbeSections {
  readonly Resources?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
}

export function load(template: object, options: LoadOptions = {}): LoadedTemplate {
  return loadTemplate(template, { env: { ...TEST_ENV, ...options.env }, parameters: options.parameters, ids: new SeededIds(options.seed ?? 1) });
}

/** Loads `properties` as the Properties of a resource `Probe` of an unsimulated type and returns them resolved. */
export function resolveProps(properties: Record<string, unknown>, extra: ProbeSections = {}, options: LoadOptions = {}): Record<string, any> {
  const loaded = load({
    Parameters: extra.Parameters,
    Conditions: extra.Conditions,
    Mappings: extra.Mappings,
    Resources: { ...extra.Resources, Probe: { Type: 'Test::Probe::Thing', Properties: properties } },
  }, options);
  return byId(loaded, 'Probe').properties;
}

export function byId(loaded: LoadedTemplate, id: string): TemplateResource {
  const r = loaded.resources.find(x => x.logicalId === id);
  if (!r) throw new Error(`no resource ${id}`);
  return r;
}
