import { SeededIds } from '../kernel';
import { SimEnvironment, TemplateResource } from '../runtime';

/** A template resource the loader could not fully model (unknown type, unknown attribute). */
export interface UnsupportedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

/** A resource present in the template but not created because its Condition is false. */
export interface SkippedTemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly condition: string;
  readonly path?: string;
}

export interface LoadTemplateOptions {
  readonly env: SimEnvironment;
  /** Parameter values by name, overriding the template's defaults. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Source of the random suffixes of generated physical names. */
  readonly ids: SeededIds;
  /** Construct paths by logical id, for templates without `aws:cdk:path` metadata (filled by `fromStack`). */
  readonly paths?: ReadonlyMap<string, string>;
}

/** A template with every intrinsic resolved. */
export interface LoadedTemplate {
  /** The created resources, in dependency order (a resource comes after everything it references). */
  readonly resources: readonly TemplateResource[];
  readonly skipped: readonly SkippedTemplateResource[];
  /** Resources whose names or attributes the loader had to invent (unknown type or attribute). */
  readonly unsupported: readonly UnsupportedResource[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, boolean>>;
  /** Resolved Outputs values by output name. */
  readonly outputs: Readonly<Record<string, unknown>>;
}
