/**
 * The HTTP bindings of the REST protocols (restJson1, restXml): finding the operation a method and path name
 * (`POST /2015-03-31/functions/{FunctionName}/invocations`, `GET /{Bucket}/{Key+}`, `GET /{Bucket}?list-type=2`),
 * reading the members bound to path labels, query parameters and headers, and writing the output members bound to
 * headers and the status code. The SDKs only write these bindings and smithy-typescript's server SDK generates code per
 * model, so no library reads them back on the receiving side: the matching below follows the operation tables.
 */
import { AwsError } from '../../kernel';
import { WireRequest } from '../types';
import { HttpBinding, Operation } from './operation';
import { resolved, ScalarShape, StructShape, wireName } from './shapes';
import { scalarFromText, scalarToText, ValueError } from './values';

interface Segment {
  readonly literal?: string;
  readonly label?: string;
  readonly greedy?: boolean;
}

interface CompiledBinding {
  readonly action: string;
  readonly operation: Operation;
  readonly method: string;
  readonly segments: readonly Segment[];
  readonly requiredQuery: Readonly<Record<string, string>>;
}

export interface MatchedOperation {
  readonly action: string;
  readonly operation: Operation;
  /** Path labels, percent-decoded. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The operations of a REST service, most specific first (literal query requirements, then fewer labels). */
export class HttpBindings {
  private readonly compiled: CompiledBinding[];

  constructor(operations: Readonly<Record<string, Operation>>) {
    this.compiled = Object.entries(operations)
      .filter((e): e is [string, Operation & { http: HttpBinding }] => e[1].http !== undefined)
      .map(([action, operation]) => compile(action, operation))
      .sort((a, b) => Object.keys(b.requiredQuery).length - Object.keys(a.requiredQuery).length
        || a.segments.filter(s => s.label).length - b.segments.filter(s => s.label).length);
  }

  /** The operation `method path?query` names, or undefined. Throws for a path that does not percent-decode. */
  public match(method: string, path: string, query: WireRequest['query']): MatchedOperation | undefined {
    const parts = path.split('/').slice(1);
    for (const c of this.compiled) {
      if (c.method !== method) continue;
      if (Object.entries(c.requiredQuery).some(([k, v]) => query[k] === undefined || (v !== '' && query[k] !== v))) continue;
      const labels = matchSegments(c.segments, parts);
      if (labels) return { action: c.action, operation: c.operation, labels };
    }
    return undefined;
  }

  /** Whether some operation's path has the same first literal segment as `path` (the request is for this service). */
  public claims(path: string): boolean {
    const first = path.split('/')[1] ?? '';
    return this.compiled.some(c => c.segments[0]?.literal !== undefined && c.segments[0].literal === first);
  }
}

function compile(action: string, operation: Operation & { http: HttpBinding }): CompiledBinding {
  const [pathPart, queryPart] = operation.http.path.split('?');
  const segments: Segment[] = pathPart.split('/').slice(1).filter((s, i, all) => s !== '' || i < all.length - 1).map(s => {
    const m = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(s);
    return m ? { label: m[1], greedy: m[2] === '+' } : { literal: s };
  });
  const requiredQuery: Record<string, string> = {};
  for (const pair of (queryPart ?? '').split('&').filter(Boolean)) {
    const [k, v] = pair.split('=');
    requiredQuery[k] = v ?? '';
  }
  return { action, operation, method: operation.http.method, segments, requiredQuery };
}

function matchSegments(segments: readonly Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  // A trailing slash (`/bucket/`, `/`) names the same resource as none; a greedy label keeps it (an S3 key `dir/`).
  const given = parts[parts.length - 1] === '' ? parts.slice(0, -1) : parts;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      labels[s.label!] = rest.map(decodeSegment).join('/');
      return labels;
    }
    if (i >= given.length) return undefined;
    if (s.literal !== undefined) {
      if (given[i] !== s.literal) return undefined;
    } else {
      if (given[i] === '') return undefined;
      labels[s.label!] = decodeSegment(given[i]);
    }
  }
  return given.length === segments.length ? labels : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** The members of `shape` bound to labels, query parameters and headers, read from the request. */
export function readBoundMembers(shape: StructShape, request: WireRequest, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(shape.members)) {
    const wire = wireName(name, m);
    const s = resolved(m.shape);
    let text: string | string[] | undefined;
    switch (m.location) {
      case 'label': text = labels[wire]; break;
      case 'query': text = request.query[wire]; break;
      case 'header': text = request.headers[wire.toLowerCase()]; break;
      case 'prefix-headers': {
        const prefix = wire.toLowerCase();
        const map: Record<string, string> = {};
        for (const [h, v] of Object.entries(request.headers)) if (h.startsWith(prefix)) map[h.slice(prefix.length)] = v;
        if (Object.keys(map).length > 0) out[name] = map;
        continue;
      }
      default: continue;
    }
    if (text === undefined) continue;
    if (s.kind === 'list') {
      const items = Array.isArray(text) ? text : m.location === 'header' ? text.split(',').map(t => t.trim()) : [text];
      out[name] = items.map(t => scalarFromText(resolved(s.member) as ScalarShape, t, wire));
    } else if (s.kind !== 'structure' && s.kind !== 'map') {
      // A header blob is base64; a header timestamp an HTTP date (parseTimestamp reads both forms).
      out[name] = scalarFromText(s, Array.isArray(text) ? text[0] : text, wire);
    }
  }
  return out;
}

/** Writes the output members bound to headers; returns the status code a `status` member sets, if any. */
export function writeBoundMembers(shape: StructShape | undefined, output: Record<string, any>, headers: Record<string, string>): number | undefined {
  let status: number | undefined;
  if (!shape) return status;
  for (const [name, m] of Object.entries(shape.members)) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    const wire = wireName(name, m);
    const s = resolved(m.shape);
    if (m.location === 'status') {status = Number(value);} else if (m.location === 'header' && s.kind !== 'structure' && s.kind !== 'map' && s.kind !== 'list') {
      headers[wire.toLowerCase()] = scalarToText(s, value, 'http-date');
    } else if (m.location === 'prefix-headers' && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) headers[`${wire.toLowerCase()}${k.toLowerCase()}`] = String(v);
    }
  }
  return status;
}

export { ValueError };
