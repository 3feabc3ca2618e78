import { NamingInput } from './types';
import { SeededIds } from '../../kernel';

export interface GeneratedNameOptions {
  /** The service's maximum name length (the generated name is truncated to fit). */
  readonly maxLength: number;
  /** Length of the random suffix. @default 13 (upper-case letters and digits) */
  readonly suffixLength?: number;
  /** S3 bucket names are lower case. @default false */
  readonly lowercase?: boolean;
  /** A required ending that counts toward the limit (`.fifo` for FIFO queues and topics). */
  readonly ending?: string;
}

/**
 * A CloudFormation-generated physical name: `<stackName>-<logicalId>-<SUFFIX>`. When that is longer than the service
 * allows, CloudFormation shortens the stack-name part first, then the logical id, keeping the random suffix whole
 * (e.g. `MyStackDev-MyNestedApplicatio-MyLambdaFunctionName-1U44TLUZ7OR55` for a 64-character Lambda limit).
 */
export function generatedName(stackName: string, logicalId: string, ids: SeededIds, options: GeneratedNameOptions): string {
  const suffixLength = options.suffixLength ?? 13;
  let suffix = ids.suffix(suffixLength);
  const ending = options.ending ?? '';
  const budget = options.maxLength - suffixLength - ending.length - 2;
  let stack = stackName;
  let logical = logicalId;
  if (stack.length + logical.length > budget) {
    const stackLength = Math.max(budget - logical.length, Math.min(stack.length, Math.floor(budget / 2)));
    stack = stack.slice(0, Math.max(0, stackLength));
    logical = logical.slice(0, Math.max(0, budget - stack.length));
  }
  if (options.lowercase) suffix = suffix.toLowerCase();
  const name = [stack, logical, suffix].filter(p => p.length > 0).join('-') + ending;
  return options.lowercase ? name.toLowerCase() : name;
}

/** The name given in `property`, else a generated one. */
export function physicalName(input: NamingInput, property: string, options: GeneratedNameOptions): string {
  const given = input.properties[property];
  if (typeof given === 'string' && given.length > 0) return given;
  return generatedName(input.env.stackName, input.logicalId, input.ids, options);
}

/** A generated physical id for resources whose Ref is an opaque id (policies, permissions). */
export function generatedId(input: NamingInput, maxLength = 255): string {
  return generatedName(input.env.stackName, input.logicalId, input.ids, { maxLength });
}
