/**
 * What every protocol module provides: reading a request into the call a handle makes (`action`, SDK-shaped `input`)
 * and writing the call's output, or its `AwsError`, in the shape the protocol's clients parse.
 */
import { AwsError } from '../../kernel';
import { WireRequest, WireResponse } from '../types';
import { Operation } from './operation';

export interface ParsedCall {
  readonly action: string;
  readonly input: Record<string, any>;
  /** The table entry, when the service's table has one. */
  readonly operation?: Operation;
}

export interface Codec {
  /** The protocol's name, for messages. */
  readonly name: string;
  /** Reads the request; throws the protocol's `AwsError` for malformed input or an operation it does not know. */
  parse(request: WireRequest): ParsedCall;
  /** Writes a successful call's output. */
  serialize(call: ParsedCall, output: Record<string, any>, requestId: string): Promise<WireResponse>;
  /** Writes an error as the protocol's clients expect it (status, error-code header or body). */
  serializeError(error: AwsError, requestId: string, request: WireRequest): WireResponse;
  /** The error for an operation the service does not carry (unknown, or not simulated), named as the protocol names it. */
  unknownOperation(action: string, message?: string): AwsError;
}

/** Extra members an error carries besides its name and message (S3's `Key`, DynamoDB's `CancellationReasons`). */
export function errorFields(error: AwsError): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error)) {
    if (k === '$fault' || k === '$metadata' || k === 'Code' || k === 'name' || k === 'message' || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
