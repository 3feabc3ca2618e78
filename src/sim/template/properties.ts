/**
 * Reading resolved CloudFormation properties the way CloudFormation accepts them: numbers and booleans may arrive as
 * strings (`"30"`, `"true"`). Out-of-range values fail the load with the message CloudFormation's resource schema
 * validation gives (`Properties validation failed for resource X with message: #/Timeout: ...`), because AWS would
 * refuse to deploy them. The one CloudFormation boolean/number parser: every service reads its properties here.
 */
import { TemplateLoadError } from '../kernel/aws-error';

/** The error CloudFormation reports when a property breaks the resource type's schema. */
export function schemaError(logicalId: string, property: string, detail: string): TemplateLoadError {
  return new TemplateLoadError(logicalId, 'ValidationError', `Properties validation failed for resource ${logicalId} with message: #/${property}: ${detail}`);
}

/** A number property (a numeric string is accepted), or undefined when absent. */
export function optionalNumber(logicalId: string, property: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw schemaError(logicalId, property, `expected type: Number, found: ${typeName(value)}`);
  return n;
}

/** An integer property within [min, max] (inclusive), or undefined when absent. */
export function optionalInteger(logicalId: string, property: string, value: unknown, min: number, max: number): number | undefined {
  const n = optionalNumber(logicalId, property, value);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n)) throw schemaError(logicalId, property, `expected type: Integer, found: ${value}`);
  if (n < min) throw schemaError(logicalId, property, `failed validation constraint for keyword [minimum] (${n} < ${min})`);
  if (n > max) throw schemaError(logicalId, property, `failed validation constraint for keyword [maximum] (${n} > ${max})`);
  return n;
}

/** A boolean property (`true`/`false` or the strings `"true"`/`"false"`, any case), or undefined when absent. */
export function optionalBoolean(logicalId: string, property: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw schemaError(logicalId, property, `expected type: Boolean, found: ${typeName(value)}`);
}

/**
 * True for `true` and `"true"` (any case): a flag read leniently, where a wrong value cannot fail the load (naming,
 * optional features). Where CloudFormation validates the property, read it with `optionalBoolean`.
 */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A string property, or undefined when absent. */
export function optionalString(logicalId: string, property: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw schemaError(logicalId, property, `expected type: String, found: ${typeName(value)}`);
}

/** A list property (a single value is not a list: CloudFormation rejects it). */
export function optionalList(logicalId: string, property: string, value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw schemaError(logicalId, property, `expected type: JSONArray, found: ${typeName(value)}`);
  return value;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'object' && value !== null) return 'JSONObject';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  return typeof value;
}
