/** Bytes with the SDK v3 blob helpers (`transformToString`), as `InvokeCommand` returns its Payload. */
export type PayloadBlob = Uint8Array & { transformToString(encoding?: BufferEncoding): string };

export function payloadBlob(text: string): PayloadBlob {
  const buffer = Buffer.from(text, 'utf8');
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as PayloadBlob;
  bytes.transformToString = (encoding: BufferEncoding = 'utf8') => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
  return bytes;
}

/** The text of a Payload given as a string or bytes (undefined when absent). */
export function payloadText(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
  throw new TypeError('Payload must be a string or a Uint8Array (as in the SDK v3 InvokeCommand input)');
}
