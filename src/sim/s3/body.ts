/**
 * GetObject's Body as the SDK v3 gives it in Node.js: a readable stream with the SDK's stream mixin
 * (`transformToString`, `transformToByteArray`, `transformToWebStream`), so `await Body.transformToString()` and
 * `for await (const chunk of Body)` both work.
 */
import { Readable } from 'stream';

export type StreamingBody = Readable & {
  transformToString(encoding?: BufferEncoding): Promise<string>;
  transformToByteArray(): Promise<Uint8Array>;
  transformToWebStream(): ReadableStream;
};

export function streamingBody(bytes: Buffer): StreamingBody {
  const stream = Readable.from([bytes]) as StreamingBody;
  stream.transformToString = async (encoding: BufferEncoding = 'utf8') => bytes.toString(encoding);
  stream.transformToByteArray = async () => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  stream.transformToWebStream = () => Readable.toWeb(stream) as unknown as ReadableStream;
  return stream;
}

/** PutObject Body: a string, Buffer, Uint8Array or ArrayBuffer (streams must be read by the caller first). */
export function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('PutObject Body must be a string, Buffer, Uint8Array or ArrayBuffer in the simulator (read streams into a Buffer first)');
}
