/**
 * How integration results and errors look to the state machine. Optimized integrations return the service response
 * with the Java SDK's `SdkHttpMetadata` and `SdkResponseMetadata` (as the developer guide's examples show);
 * AWS SDK integrations return the response fields alone. Errors of optimized integrations are `<Service>.<Error>`
 * (`SNS.NotFoundException`, `Lambda.ResourceNotFoundException`); AWS SDK integrations name the service in PascalCase
 * and always end the error in `Exception` (`S3.NoSuchKeyException`), as "AWS SDK integrations" documents.
 */
import { AwsError } from '../../kernel';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

/** The response without the SDK v3 `$metadata`, its values made JSON (dates become ISO strings). */
export function responseFields(output: Record<string, any>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(output)) {
    if (k === '$metadata' || v === undefined) continue;
    out[k] = toJson(v);
  }
  return out;
}

export function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8');
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v as object)) if (x !== undefined && typeof x !== 'function') out[k] = toJson(x);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v as Json;
}

/** An optimized integration's result: the response fields plus the SDK metadata Step Functions adds. */
export function withSdkMetadata(output: Record<string, any>): Record<string, Json> {
  const requestId = output.$metadata?.requestId ?? '';
  const status = output.$metadata?.httpStatusCode ?? 200;
  return {
    ...responseFields(output),
    SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: status },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** PascalCase service names of AWS SDK integration errors (the guide's rule; the simulated services listed). */
const SDK_SERVICE_NAMES: Readonly<Record<string, string>> = {
  s3: 'S3',
  sqs: 'Sqs',
  sns: 'Sns',
  lambda: 'Lambda',
  dynamodb: 'DynamoDb',
  sfn: 'Sfn',
  batch: 'Batch',
  eventbridge: 'EventBridge',
  cloudwatch: 'CloudWatch',
  firehose: 'Firehose',
  apigateway: 'ApiGateway',
  appflow: 'Appflow',
};

export function sdkServiceName(service: string): string {
  return SDK_SERVICE_NAMES[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

/** The StatesError of a service error in an AWS SDK integration: `S3.NoSuchKeyException`. */
export function sdkError(service: string, e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  const name = e instanceof AwsError || (e instanceof Error && e.name !== 'Error') ? e.name : 'SdkClientException';
  const suffixed = name.endsWith('Exception') ? name : `${name}Exception`;
  return new StatesError(`${sdkServiceName(service)}.${suffixed}`, causeOf(e));
}

/** The StatesError of a service error in an optimized integration: `<prefix>.<error name>`. */
export function optimizedError(prefix: string, e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  const name = e instanceof Error && e.name !== 'Error' ? e.name : 'SdkClientException';
  return new StatesError(`${prefix}.${name}`, causeOf(e));
}

function causeOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const status = e instanceof AwsError ? e.$metadata.httpStatusCode : undefined;
  const name = e instanceof Error ? e.name : 'Error';
  return status !== undefined ? `${message} (Service: ${name}; Status Code: ${status})` : message;
}

/** A payload the integration sends as text: strings as they are, other JSON serialized (Message, MessageBody). */
export function asText(value: Json | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
