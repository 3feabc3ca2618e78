/**
 * Request validation ("Request validation in API Gateway"): a method with a request validator checks the required
 * request parameters (`method.request.header.X`, `.querystring.X`, `.path.X` marked true) and, for bodies, the model
 * of the request's content type (JSON Schema draft 4, with `ajv`'s draft-04 class, loaded on first use; one compiled
 * validator per model). Failures answer 400 BAD_REQUEST_PARAMETERS "Missing required request parameters: [a, b]" or
 * BAD_REQUEST_BODY "Invalid request body", with `$context.error.validationErrorString` describing the failure as
 * API Gateway does (`[object has missing required properties (["orderId"])]`).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type AjvDraft04 from 'ajv-draft-04';
import type { RestMethodConfig } from '../model/rest-model';
import { IncomingRequest } from '../request';

export type ValidationOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY'; readonly message: string; readonly validationErrorString: string };

export class SchemaValidators {
  private ajv?: AjvDraft04;
  private readonly compiled = new Map<object, ValidateFunction | Error>();

  public validate(method: RestMethodConfig, req: IncomingRequest, pathParameters: Record<string, string>,
    validator: { body: boolean; parameters: boolean }, models: ReadonlyMap<string, object>): ValidationOutcome {
    if (validator.parameters) {
      const missing: string[] = [];
      for (const [name, required] of Object.entries(method.requestParameters)) {
        if (!required) continue;
        const m = /^method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.(.+)$/.exec(name);
        if (!m) continue;
        const present = m[1].endsWith('header') ? req.header(m[2]) !== undefined
          : m[1].endsWith('querystring') ? req.query.has(m[2]) : pathParameters[m[2]] !== undefined;
        if (!present) missing.push(m[2]);
      }
      if (missing.length > 0) {
        const message = `Missing required request parameters: [${missing.join(', ')}]`;
        return { ok: false, type: 'BAD_REQUEST_PARAMETERS', message, validationErrorString: message };
      }
    }
    if (validator.body) {
      const type = req.contentType ?? 'application/json';
      const modelName = method.requestModels[type] ?? method.requestModels.$default;
      const schema = modelName === undefined ? undefined : models.get(modelName);
      if (schema !== undefined && modelName !== 'Empty') {
        let doc: unknown;
        try {
          doc = req.body === undefined || req.body === '' ? undefined : JSON.parse(req.body);
        } catch (e) {
          return invalidBody(`Invalid JSON in request body: ${(e as Error).message}`);
        }
        const check = this.compile(schema);
        if (check instanceof Error) return invalidBody(`Invalid model schema: ${check.message}`);
        if (doc === undefined) return invalidBody('[Request body is empty]');
        if (!check(doc)) return invalidBody(`[${(check.errors ?? []).map(describe).join(', ')}]`);
      }
    }
    return { ok: true };
  }

  private compile(schema: object): ValidateFunction | Error {
    let c = this.compiled.get(schema);
    if (c) return c;
    if (!this.ajv) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Ajv = require('ajv-draft-04') as typeof AjvDraft04 & { default?: typeof AjvDraft04 };
      const Ctor = (Ajv.default ?? Ajv) as unknown as new (opts: object) => AjvDraft04;
      // API Gateway reports every violation; unknown keywords and formats are ignored as draft 4 validators do.
      this.ajv = new Ctor({ allErrors: true, verbose: true, strict: false, validateFormats: false });
    }
    try {
      c = this.ajv.compile(schema);
    } catch (e) {
      c = e as Error;
    }
    this.compiled.set(schema, c);
    return c;
  }
}

function invalidBody(validationErrorString: string): ValidationOutcome {
  return { ok: false, type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString };
}

/** One violation in the words API Gateway's validator uses. */
function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath ? ` at ${e.instancePath}` : '';
  switch (e.keyword) {
    case 'required': return `object has missing required properties (["${String(p.missingProperty)}"])${at}`;
    case 'type': return `instance type (${typeOf(e.data)}) does not match any allowed primitive type (allowed: ["${String(p.type)}"])${at}`;
    case 'additionalProperties': return `object instance has properties which are not allowed by the schema: ["${String(p.additionalProperty)}"]${at}`;
    case 'enum': return `instance value (${JSON.stringify(e.data)}) not found in enum (possible values: ${JSON.stringify(p.allowedValues)})${at}`;
    case 'minLength': return `string "${String(e.data)}" is too short (length: ${String(e.data).length}, required minimum: ${String(p.limit)})${at}`;
    case 'maxLength': return `string "${String(e.data)}" is too long (length: ${String(e.data).length}, maximum allowed: ${String(p.limit)})${at}`;
    case 'minItems': return `array is too short: must have at least ${String(p.limit)} elements but instance has ${(e.data as unknown[]).length} elements${at}`;
    case 'maxItems': return `array is too long: must have at most ${String(p.limit)} elements but instance has ${(e.data as unknown[]).length} elements${at}`;
    case 'minimum': return `numeric instance is lower than the required minimum (minimum: ${String(p.limit)}, found: ${String(e.data)})${at}`;
    case 'maximum': return `numeric instance is greater than the required maximum (maximum: ${String(p.limit)}, found: ${String(e.data)})${at}`;
    case 'pattern': return `ECMA 262 regex "${String(p.pattern)}" does not match input string "${String(e.data)}"${at}`;
    default: return `${e.message ?? e.keyword}${at}`;
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
