/**
 * What a client sends and gets back (`sim.api(ref).request(...)`), and the request as the pipeline reads it: header
 * names case-insensitive with every value kept, query parameters with every value kept, the source IP and user agent.
 */

export interface ApiRequestInput {
  /** GET, POST, ... (any case). */
  readonly method: string;
  /** The resource path without the stage, e.g. `/orders/1` (a query string here is parsed too). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
  /** The client's address, as WAF and `$context.identity.sourceIp` see it. @default '198.51.100.1' */
  readonly sourceIp?: string;
  /** @default the API's only (or first) stage */
  readonly stage?: string;
  /**
   * IAM authorization: the caller's identity (an IAM role or user ARN, or an account root) as a request signed with its
   * credentials would carry it. Alternatively sign the request with SigV4 (see `trustCredentials`).
   */
  readonly iamPrincipal?: string;
}

export interface ApiResponse {
  readonly statusCode: number;
  /** Header names in lower case (as Node's HTTP client shows them); repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Headers with several values (`set-cookie` from v2 cookies, multiValueHeaders from a v1 proxy response). */
  readonly multiValueHeaders?: Record<string, string[]>;
  /** True when `body` is base64 text of a binary payload the gateway did not decode. */
  readonly isBase64Encoded?: boolean;
}

/** The default source address (TEST-NET-2, documentation range). */
export const DEFAULT_SOURCE_IP = '198.51.100.1';

/** A request as the pipeline reads it. */
export class IncomingRequest {
  public readonly method: string;
  /** Path without the stage and without the query string, as sent (percent-encoding kept). */
  public readonly path: string;
  public readonly rawQueryString: string;
  /** Header name as first sent -> its values, in order. */
  public readonly headers = new Map<string, string[]>();
  /** Lower-case name -> the name as first sent. */
  private readonly headerNames = new Map<string, string>();
  /** Query parameter -> values, in order. */
  public readonly query = new Map<string, string[]>();
  public readonly body: string | undefined;
  public readonly sourceIp: string;
  /** Why the request could not travel over HTTP (a header name that is not a token, a value with CR, LF or NUL). */
  public readonly malformed?: string;

  constructor(input: ApiRequestInput) {
    this.method = String(input.method ?? '').toUpperCase();
    const path = String(input.path ?? '/');
    const q = path.indexOf('?');
    this.path = normalisePath(q >= 0 ? path.slice(0, q) : path);
    const queryParts: string[] = [];
    if (q >= 0 && q < path.length - 1) {
      for (const pair of path.slice(q + 1).split('&')) {
        if (pair === '') continue;
        const eq = pair.indexOf('=');
        const name = decodeForm(eq >= 0 ? pair.slice(0, eq) : pair);
        this.addQuery(name, decodeForm(eq >= 0 ? pair.slice(eq + 1) : ''));
        queryParts.push(pair);
      }
    }
    for (const [name, value] of Object.entries(input.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value as string]) {
        this.addQuery(name, String(v));
        queryParts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
      }
    }
    this.rawQueryString = queryParts.join('&');
    for (const [name, value] of Object.entries(input.headers ?? {})) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) this.malformed ??= `invalid header name '${name}'`;
      for (const v of Array.isArray(value) ? value : [value as string]) {
        if (/[\r\n\0]/.test(String(v))) this.malformed ??= `invalid value of header '${name}'`;
        this.addHeader(name, String(v));
      }
    }
    this.body = input.body;
    this.sourceIp = input.sourceIp ?? DEFAULT_SOURCE_IP;
  }

  /** The last value of a header (API Gateway's single-value `headers` keep the last one), case-insensitive. */
  public header(name: string): string | undefined {
    const values = this.headerValues(name);
    return values ? values[values.length - 1] : undefined;
  }

  public headerValues(name: string): string[] | undefined {
    const sent = this.headerNames.get(name.toLowerCase());
    return sent === undefined ? undefined : this.headers.get(sent);
  }

  /** The last value of a query parameter. */
  public queryValue(name: string): string | undefined {
    const values = this.query.get(name);
    return values ? values[values.length - 1] : undefined;
  }

  public get userAgent(): string | undefined {
    return this.header('user-agent');
  }

  /** The media type of the body (`application/json`), lower case, without parameters. */
  public get contentType(): string | undefined {
    const ct = this.header('content-type');
    return ct === undefined ? undefined : ct.split(';')[0].trim().toLowerCase();
  }

  public get bodyBytes(): number {
    return this.body === undefined ? 0 : Buffer.byteLength(this.body);
  }

  private addHeader(name: string, value: string): void {
    const lower = name.toLowerCase();
    let sent = this.headerNames.get(lower);
    if (sent === undefined) {
      sent = name;
      this.headerNames.set(lower, name);
      this.headers.set(name, []);
    }
    this.headers.get(sent)!.push(value);
  }

  private addQuery(name: string, value: string): void {
    let values = this.query.get(name);
    if (!values) {
      values = [];
      this.query.set(name, values);
    }
    values.push(value);
  }
}

function normalisePath(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Form decoding of a query string part (`+` is a space). */
export function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Single-value and multi-value maps of a request's headers, as the v1 proxy event carries them (null when empty). */
export function headerMaps(req: IncomingRequest): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (req.headers.size === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, values] of req.headers) {
    single[name] = values[values.length - 1];
    multi[name] = values.slice();
  }
  return { single, multi };
}

export function queryMaps(req: IncomingRequest): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (req.query.size === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, values] of req.query) {
    single[name] = values[values.length - 1];
    multi[name] = values.slice();
  }
  return { single, multi };
}

/** `dd/MMM/yyyy:HH:mm:ss +0000`, the format of `$context.requestTime`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
