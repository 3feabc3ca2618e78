/**
 * The errors AWS answers a request with before any service looks at it: missing, malformed or wrong signatures and
 * unknown keys, named per service family as its API reference and clients know them (types.ts `AuthStyle`).
 */
import { AwsError } from '../kernel';
import { AuthFailure } from './auth/sigv4';
import { AuthStyle } from './types';

const MISSING_QUERY = 'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.';

/** The error for an authentication failure; undefined where the service accepts the request anonymously (S3, unsigned). */
export function authenticationError(style: AuthStyle, failure: AuthFailure, message: string): AwsError | undefined {
  switch (style) {
    case 'query':
      switch (failure) {
        case 'missing': return new AwsError('MissingAuthenticationToken', MISSING_QUERY, { httpStatusCode: 403 });
        case 'malformed': return new AwsError('IncompleteSignature', message, { httpStatusCode: 400 });
        case 'unknown-key':
        case 'bad-token': return new AwsError('InvalidClientTokenId', message, { httpStatusCode: 403 });
        case 'expired': return new AwsError('RequestExpired', message, { httpStatusCode: 400 });
        default: return new AwsError('SignatureDoesNotMatch', message, { httpStatusCode: 403 });
      }
    case 'json':
    case 'rest-json': {
      const status = style === 'json' ? 400 : 403;
      switch (failure) {
        case 'missing': return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { httpStatusCode: status });
        case 'malformed': return new AwsError('IncompleteSignatureException', message, { httpStatusCode: status });
        case 'unknown-key':
        case 'bad-token': return new AwsError('UnrecognizedClientException', message, { httpStatusCode: status });
        case 'expired': return new AwsError('InvalidSignatureException', `Signature expired: ${message}`, { httpStatusCode: status });
        default: return new AwsError('InvalidSignatureException', message, { httpStatusCode: status });
      }
    }
    case 's3':
      switch (failure) {
        case 'missing': return undefined;
        case 'malformed':
        case 'wrong-scope': return new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`, { httpStatusCode: 400 });
        case 'unknown-key': return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { httpStatusCode: 403 });
        case 'bad-token': return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', { httpStatusCode: 400 });
        case 'expired': return new AwsError('AccessDenied', 'Request has expired', { httpStatusCode: 403 });
        case 'payload-hash': return new AwsError('XAmzContentSHA256Mismatch', message, { httpStatusCode: 400 });
        default: return new AwsError('SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.', { httpStatusCode: 403 });
      }
  }
}

/** A failure the simulator itself caused (a bug): answered as AWS's InternalFailure, HTTP 500. */
export function internalFailure(cause: unknown): AwsError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AwsError('InternalFailure', `The simulator failed while answering this request: ${detail}`, { httpStatusCode: 500, fault: 'server' });
}
