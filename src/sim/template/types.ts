import { SeededIds } from '../kernel';
import { SimEnvironment, TemplateResource } from '../runtime';

/**
 * What the simulator does not simulate, by impact: a whole `resource` it does not create, a `feature` of a simulated
 * resource it does not model, or a `placeholder` attribute value it had to invent.
 */
export type UnsupportedImpact = 'resource' | 'feature' | 'placeholder';

/** A template resource (or a feature of one) the simulator does not fully model, with the reason. */
export interface UnsupportedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
  readonly impact: UnsupportedImpact;
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
  /** Values stacks loaded before this one export, by export name (`Fn::ImportValue`). */
  readonly exports?: ReadonlyMap<string, unknown>;
  /**
   * Prefix of the logical ids of the resources this template creates, when several stacks are loaded together
   * (`Stack/`), so two stacks' resources of the same logical id stay apart. @default '' (ids as in the template)
   */
  readonly idPrefix?: string;
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
  /** Resolved values of the Outputs that have an `Export.Name`, by export name. */
  readonly exports: ReadonlyMap<string, unknown>;
}
