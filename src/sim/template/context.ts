import { SimEnvironment } from '../runtime';

/** Marks a value removed by `AWS::NoValue` (the property or list element disappears). */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What the intrinsic functions read while resolving one value. */
export interface ResolveScope {
  readonly env: SimEnvironment;
  /** Where the value sits, for error messages (logical id or section). */
  readonly where: string;
  /** Which template section is resolving: conditions may only reference parameters and pseudo parameters. */
  readonly section: 'Conditions' | 'Resources' | 'Outputs';
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, any>>;
  /** Values other loaded stacks export, by export name (`Fn::ImportValue`). */
  readonly exports: ReadonlyMap<string, unknown>;
  /** Condition value by name (throws for an unknown condition). */
  condition(name: string): boolean;
  /** What `Ref` returns for a resource (throws for an unknown or not-created resource). */
  resourceRef(logicalId: string): string;
  /** What `Fn::GetAtt` returns for a resource attribute. */
  resourceAttribute(logicalId: string, attribute: string): unknown;
  /** Resolves a nested value (intrinsics inside intrinsics). */
  resolve(value: unknown): unknown;
}

/** An intrinsic function: its raw argument, evaluated in `scope`. */
export type IntrinsicFunction = (args: unknown, scope: ResolveScope) => unknown;
