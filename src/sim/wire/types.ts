/**
 * The wire layer's vocabulary: a request as it arrived (from the SDK's request-handler interface or a socket), the
 * response it gets, and a service's declaration (its protocols, how AWS authenticates it, its operation table). A
 * service that lands later plugs in with one declaration file (services/<name>.ts) and its line in services/index.ts.
 */
import type { Operation } from './protocols/operation';

/** A request, whichever way it came. Header names are lower-case; `path` is as sent (percent-encoded), without query. */
export interface WireRequest {
  readonly method: string;
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  /** Query parameters, percent-decoded; a parameter given more than once holds a list. */
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /**
   * The body as the signer saw it, when it was not bytes (an SDK stream body is signed as UNSIGNED-PAYLOAD).
   * @default body
   */
  readonly signedBody?: unknown;
}

export interface WireResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** The body is a streaming output (S3 GetObject's `Body`): the SDK reads it as a stream. */
  readonly streaming?: boolean;
}

/** Where a request came from: `aws:SecureTransport` and `aws:SourceIp` of the caller. */
export interface Connection {
  readonly secure: boolean;
  readonly sourceIp?: string;
}

/**
 * How a service reports authentication failures (the error names and HTTP statuses it answers with):
 * - `query`: the query services' common errors (SQS, SNS): MissingAuthenticationToken 403, IncompleteSignature 400,
 *   InvalidClientTokenId 403, SignatureDoesNotMatch 403;
 * - `json`: the JSON (Coral) services (DynamoDB, Step Functions, Firehose): MissingAuthenticationTokenException,
 *   IncompleteSignatureException, UnrecognizedClientException, InvalidSignatureException, all 400;
 * - `rest-json`: services behind the REST front end (Lambda, Batch, AppFlow, API Gateway): the same names, 403;
 * - `s3`: an unsigned request is anonymous (the bucket policy decides); AuthorizationHeaderMalformed 400,
 *   InvalidAccessKeyId 403, SignatureDoesNotMatch 403.
 */
export type AuthStyle = 'query' | 'json' | 'rest-json' | 's3';

export interface JsonProtocol {
  /** awsJson1_0 or awsJson1_1 (the content type `application/x-amz-json-<version>`). */
  readonly version: '1.0' | '1.1';
  /** `X-Amz-Target: <targetPrefix>.<Action>`. */
  readonly targetPrefix: string;
  /** Written before `#` in an error's `__type`. */
  readonly errorNamespace: string;
  /**
   * The service also speaks the query protocol and reports query error codes in `x-amzn-query-error` (SQS): the SDK
   * maps `AWS.SimpleQueueService.NonExistentQueue` back to `QueueDoesNotExist` through it.
   */
  readonly queryCompatible?: boolean;
}

export interface QueryProtocol {
  readonly version: string;
  readonly xmlns: string;
}

/** One service as the wire layer knows it. */
export interface WireService {
  /** The ARN namespace `ctx.api()` finds the service's API under. */
  readonly namespace: string;
  /** For messages: `Amazon SQS`. */
  readonly title: string;
  /** The service name in a SigV4 credential scope. */
  readonly signingName: string;
  /** The first labels of the service's AWS host names (`sqs.us-east-1.amazonaws.com`, `queue.amazonaws.com`). */
  readonly hostPattern?: RegExp;
  readonly auth: AuthStyle;
  readonly json?: JsonProtocol;
  readonly query?: QueryProtocol;
  /** REST protocols: operations are found by their `http` bindings. */
  readonly rest?: 'json' | 'xml';
  /** The operation table: every operation the wire layer can parse and write for this service. */
  readonly operations: Readonly<Record<string, Operation>>;
}

/**
 * `SimulatorOptions.iam`, for authentication and authorization alike: `enforce` refuses unsigned and wrongly signed
 * requests and policy denials with AWS's errors; `report` records them in the trace (`authentication-failed`,
 * `denied` with `enforced: false`) and lets them through; `off` checks no signature (a known key still names its
 * principal; anything else runs as the account's root) and evaluates no policy.
 */
export type IamMode = 'enforce' | 'report' | 'off';
