import { LoadedTemplate, LoadTemplateOptions } from './types';

/** Resolves a CloudFormation template (being built by sim-core). */
export function loadTemplate(_template: object, _options: LoadTemplateOptions): LoadedTemplate {
  throw new Error('Simulator: the template loader is not implemented yet (sim-core is building src/sim/template)');
}
