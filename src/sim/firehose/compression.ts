/**
 * CompressionFormat of an S3 destination: GZIP with node:zlib (object names end in `.gz`). ZIP, Snappy and
 * HADOOP_SNAPPY have no codec in node:zlib: the simulator writes such objects uncompressed, without the extension, and
 * reports it at load.
 */
import { gzipSync } from 'zlib';

export interface Compression {
  readonly format: string;
  readonly extension: string;
  /** True when the simulator writes this format. */
  readonly simulated: boolean;
  compress(data: Buffer): Buffer;
}

export function compressionOf(format: unknown): Compression {
  const name = String(format ?? 'UNCOMPRESSED').toUpperCase();
  if (name === 'GZIP') return { format: name, extension: '.gz', simulated: true, compress: data => gzipSync(data) };
  return { format: name, extension: '', simulated: name === 'UNCOMPRESSED', compress: data => data };
}
