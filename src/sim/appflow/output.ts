/**
 * The files a flow run writes to S3. JSON is JSON Lines (one record per line); CSV has a header row with every field
 * of the run's records (csv-stringify); Parquet is written with parquetjs-lite, each field typed from its values
 * (DOUBLE, BOOLEAN, else UTF8 with objects as JSON), all optional. Aggregation None writes one file per run;
 * SingleFile writes one file, split at TargetFileSize (MB) when it is set.
 *
 * Object keys: `<BucketPrefix>/<flow name>/[<date folders>/]<execution id>/<file id>` for PrefixType PATH (the
 * date at PrefixFormat granularity, in UTC), with the date put in front of the file id for FILENAME.
 */
import { Writable } from 'stream';
import { S3FlowDestination } from './flow-config';

const DATE_PATTERNS: Record<string, (d: Date) => string[]> = {
  YEAR: d => [y(d)],
  MONTH: d => [y(d), p2(d.getUTCMonth() + 1)],
  DAY: d => [y(d), p2(d.getUTCMonth() + 1), p2(d.getUTCDate())],
  HOUR: d => [y(d), p2(d.getUTCMonth() + 1), p2(d.getUTCDate()), p2(d.getUTCHours())],
  MINUTE: d => [y(d), p2(d.getUTCMonth() + 1), p2(d.getUTCDate()), p2(d.getUTCHours()), p2(d.getUTCMinutes())],
};

export function objectKeys(dest: S3FlowDestination, flowName: string, executionId: string, time: number, fileIds: string[]): string[] {
  const parts = [dest.bucketPrefix, flowName].filter((x): x is string => !!x && x.length > 0).map(x => x.replace(/^\/+|\/+$/g, ''));
  const date = dest.prefixFormat && DATE_PATTERNS[dest.prefixFormat] ? DATE_PATTERNS[dest.prefixFormat](new Date(time)) : [];
  const type = dest.prefixType;
  if (type === 'PATH' || type === 'PATH_AND_FILENAME') parts.push(...date);
  parts.push(executionId);
  const inName = (type === 'FILENAME' || type === 'PATH_AND_FILENAME') && date.length > 0 ? `${date.join('-')}-` : '';
  return fileIds.map(id => [...parts, `${inName}${id}`].join('/'));
}

/** Splits the records into the files the aggregation setting asks for. */
export function filesOf(dest: S3FlowDestination, records: Record<string, unknown>[]): Record<string, unknown>[][] {
  if (dest.aggregation !== 'SingleFile' || dest.targetFileSizeMb === undefined) return [records];
  const limit = dest.targetFileSizeMb * 1024 * 1024;
  const files: Record<string, unknown>[][] = [[]];
  let bytes = 0;
  for (const r of records) {
    const size = Buffer.byteLength(JSON.stringify(r));
    if (bytes + size > limit && files[files.length - 1].length > 0) {
      files.push([]);
      bytes = 0;
    }
    files[files.length - 1].push(r);
    bytes += size;
  }
  return files;
}

export async function encode(fileType: S3FlowDestination['fileType'], records: Record<string, unknown>[]): Promise<Buffer> {
  if (fileType === 'CSV') return encodeCsv(records);
  if (fileType === 'PARQUET') return encodeParquet(records);
  return Buffer.from(records.map(r => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : ''), 'utf8');
}

function columnsOf(records: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function encodeCsv(records: Record<string, unknown>[]): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when first needed (heavy, or only used by some flows)
  const { stringify } = require('csv-stringify/sync') as { stringify(rows: unknown[][], options?: object): string };
  const columns = columnsOf(records);
  const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v);
  return Buffer.from(stringify([columns, ...records.map(r => columns.map(c => cell(r[c])))]), 'utf8');
}

/** The part of parquetjs-lite used here (it ships no type declarations). */
interface ParquetLib {
  ParquetSchema: new (fields: Record<string, { type: string; optional: boolean }>) => object;
  ParquetWriter: { openStream(schema: object, out: Writable): Promise<{ appendRow(row: object): Promise<void>; close(): Promise<void> }> };
}

async function encodeParquet(records: Record<string, unknown>[]): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when first needed (heavy, or only used by some flows)
  const parquet = require('parquetjs-lite') as ParquetLib;
  const columns = columnsOf(records);
  const typeOf = (c: string) => {
    const values = records.map(r => r[c]).filter(v => v !== undefined && v !== null);
    if (values.length > 0 && values.every(v => typeof v === 'number')) return 'DOUBLE';
    if (values.length > 0 && values.every(v => typeof v === 'boolean')) return 'BOOLEAN';
    return 'UTF8';
  };
  const types = Object.fromEntries(columns.map(c => [c, typeOf(c)]));
  const schema = new parquet.ParquetSchema(Object.fromEntries(columns.map(c => [c, { type: types[c], optional: true }])));
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const writer = await parquet.ParquetWriter.openStream(schema, out);
  for (const r of records) {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      const v = r[c];
      if (v === undefined || v === null) continue;
      row[c] = types[c] === 'UTF8' ? (typeof v === 'object' ? JSON.stringify(v) : String(v)) : v;
    }
    await writer.appendRow(row);
  }
  await writer.close();
  return Buffer.concat(chunks);
}

function y(d: Date): string {
  return String(d.getUTCFullYear());
}

function p2(n: number): string {
  return String(n).padStart(2, '0');
}
