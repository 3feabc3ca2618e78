/**
 * `Content-Encoding: aws-chunked` payloads (S3 streaming uploads): `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n`
 * repeated, a zero-size chunk, then optional trailing headers (`x-amz-checksum-crc32:...`). The SDK sends a stream body
 * this way with a trailing checksum; SigV4 streaming signatures (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) put a signature
 * on each chunk. The chunk signatures and trailing checksums are not verified (the seed signature over the headers
 * is); the payload is the chunks' bytes. No library decodes the format on the receiving side.
 */
import { AwsError } from '../../kernel';

/** Whether a request's body is aws-chunked (by its content encoding or its declared payload hash). */
export function isAwsChunked(headers: Readonly<Record<string, string>>): boolean {
  const sha = headers['x-amz-content-sha256'] ?? '';
  return sha.startsWith('STREAMING-') || (headers['content-encoding'] ?? '').split(',').some(e => e.trim() === 'aws-chunked');
}

/** The payload of an aws-chunked body. */
export function decodeAwsChunked(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) throw incomplete();
    const header = body.subarray(at, lineEnd).toString('latin1');
    const size = parseInt(header.split(';')[0], 16);
    if (!Number.isFinite(size) || size < 0 || !/^[0-9a-fA-F]+$/.test(header.split(';')[0])) throw incomplete();
    at = lineEnd + 2;
    if (size === 0) break;
    if (at + size > body.length) throw incomplete();
    chunks.push(body.subarray(at, at + size));
    at += size;
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') throw incomplete();
    at += 2;
  }
  return Buffer.concat(chunks);
}

function incomplete(): AwsError {
  return new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
}
