/**
 * One entry of a service's operation table: the shapes of its input and output and, for the REST protocols, its HTTP
 * binding. An entry with neither shapes nor binding names an operation the wire layer knows exists but cannot carry
 * (the service does not simulate it): a call to it is reported, not mistaken for a typo.
 */
import { StructShape } from './shapes';

export interface HttpBinding {
  readonly method: string;
  /**
   * The request URI: `{Label}` matches one path segment, `{Label+}` the rest of the path; a literal query after `?`
   * (`/{Bucket}?list-type=2`) must be present for the operation to match.
   */
  readonly path: string;
  /** The success status when the output does not set one. @default 200 */
  readonly status?: number;
}

export interface Operation {
  readonly input?: StructShape;
  readonly output?: StructShape;
  readonly http?: HttpBinding;
  /** restXml: the root element of the output document. @default `<Operation>Result` */
  readonly xmlRoot?: string;
  /**
   * Rewrites the service's output for the wire where the protocol asks more than the shapes say (S3's
   * `encoding-type=url` listing). Runs after the call, before serialization.
   */
  readonly wireOutput?: (input: Record<string, any>, output: Record<string, any>) => Record<string, any>;
  /** The operation exists in AWS but the simulator does not simulate it: a call is reported and refused. */
  readonly notSimulated?: boolean;
}

/** An operation the wire layer knows by name but does not carry (the service does not simulate it). */
export const NOT_SIMULATED: Operation = Object.freeze({ notSimulated: true });

/** Whether an entry describes an operation the wire layer can carry. */
export function isCarried(op: Operation | undefined): op is Operation {
  return op !== undefined && op.notSimulated !== true;
}

/** Operations `names` marked as known but not carried. */
export function notSimulated(...names: string[]): Record<string, Operation> {
  return Object.fromEntries(names.map(n => [n, NOT_SIMULATED]));
}

/** REST operations known by their bindings but not carried (`[name, method, path]`). */
export function notSimulatedRest(entries: readonly (readonly [string, string, string])[]): Record<string, Operation> {
  return Object.fromEntries(entries.map(([name, method, path]) => [name, { notSimulated: true, http: { method, path } }]));
}
