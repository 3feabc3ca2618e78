/**
 * What a delivery stream does with its records, read from the template: an S3 destination (ExtendedS3 or S3
 * DestinationConfiguration) with its buffering hints, compression, prefixes, role and Lambda processor; OpenSearch
 * destinations are recorded, not delivered; other destinations (Redshift, HTTP endpoint, Splunk, Snowflake, Iceberg)
 * keep their records only. Everything not simulated is reported at load.
 */
import { Compression, compressionOf } from './compression';
import { TemplateResource } from '../runtime';

/** Firehose defaults (API Reference, BufferingHints; ProcessorParameter). */
export const DEFAULT_BUFFER_SECONDS = 300;
export const DEFAULT_BUFFER_MB = 5;
export const DEFAULT_PROCESSOR_RETRIES = 3;
export const DEFAULT_PROCESSOR_BUFFER_MB = 1;

export interface LambdaProcessor {
  readonly functionArn: string;
  readonly retries: number;
  /** The most bytes of records sent in one invocation. */
  readonly bufferBytes: number;
  /** The role Firehose invokes it with (the processor's RoleArn, else the destination's). */
  readonly roleArn?: string;
}

export interface S3Destination {
  readonly bucketArn: string;
  readonly bucketName: string;
  readonly roleArn?: string;
  readonly prefix?: string;
  readonly errorOutputPrefix?: string;
  readonly intervalMs: number;
  readonly sizeBytes: number;
  readonly compression: Compression;
  readonly processor?: LambdaProcessor;
}

export interface StreamConfig {
  /** Where records go: S3, recorded only (OpenSearch), or nowhere simulated. */
  readonly kind: 'S3' | 'OpenSearch' | 'other';
  readonly s3?: S3Destination;
}

const OPENSEARCH = ['AmazonopensearchserviceDestinationConfiguration', 'ElasticsearchDestinationConfiguration', 'AmazonOpenSearchServerlessDestinationConfiguration'];
const OTHER = ['RedshiftDestinationConfiguration', 'HttpEndpointDestinationConfiguration', 'SplunkDestinationConfiguration', 'SnowflakeDestinationConfiguration', 'IcebergDestinationConfiguration', 'MSKSourceConfiguration'];

export function readStreamConfig(r: TemplateResource, report: (reason: string) => void): StreamConfig {
  const p = r.properties;
  if (p.KinesisStreamSourceConfiguration !== undefined) report('KinesisStreamSourceConfiguration: a Kinesis stream source is not simulated (put records with PutRecord)');
  for (const key of OPENSEARCH) {
    if (p[key] !== undefined) {
      report(`${key}: records are kept in sim.deliveryStream(...).records and not delivered (OpenSearch is not simulated)`);
      return { kind: 'OpenSearch' };
    }
  }
  for (const key of OTHER) {
    if (p[key] !== undefined) {
      report(`${key}: this destination is not simulated; records are kept in sim.deliveryStream(...).records`);
      return { kind: 'other' };
    }
  }
  const d = p.ExtendedS3DestinationConfiguration ?? p.S3DestinationConfiguration;
  if (d === undefined) return { kind: 'other' };
  const bucketArn = String(d.BucketARN);
  const compression = compressionOf(d.CompressionFormat);
  if (!compression.simulated) report(`CompressionFormat ${compression.format}: no codec in node:zlib; objects are written uncompressed`);
  if (d.DataFormatConversionConfiguration?.Enabled === true || d.DataFormatConversionConfiguration?.Enabled === 'true') {
    report('DataFormatConversionConfiguration: record format conversion (Parquet/ORC) is not simulated; records are written as received');
  }
  if (d.DynamicPartitioningConfiguration?.Enabled === true || d.DynamicPartitioningConfiguration?.Enabled === 'true') {
    report('DynamicPartitioningConfiguration: dynamic partitioning is not simulated (partitionKeyFrom* expressions stay unevaluated)');
  }
  if (d.S3BackupMode === 'Enabled') report('S3BackupMode Enabled: the source-record backup is not simulated');
  if (d.CustomTimeZone !== undefined && d.CustomTimeZone !== 'UTC') report(`CustomTimeZone ${d.CustomTimeZone}: prefixes and object names use UTC`);
  if (d.FileExtension !== undefined) report('FileExtension: the custom file extension is not simulated');
  return {
    kind: 'S3',
    s3: {
      bucketArn,
      bucketName: bucketArn.split(':::').pop() ?? bucketArn,
      roleArn: d.RoleARN === undefined ? undefined : String(d.RoleARN),
      prefix: d.Prefix === undefined ? undefined : String(d.Prefix),
      errorOutputPrefix: d.ErrorOutputPrefix === undefined ? undefined : String(d.ErrorOutputPrefix),
      intervalMs: Number(d.BufferingHints?.IntervalInSeconds ?? DEFAULT_BUFFER_SECONDS) * 1000,
      sizeBytes: Number(d.BufferingHints?.SizeInMBs ?? DEFAULT_BUFFER_MB) * 1024 * 1024,
      compression,
      processor: readProcessor(d, report),
    },
  };
}

function readProcessor(d: any, report: (reason: string) => void): LambdaProcessor | undefined {
  const pc = d.ProcessingConfiguration;
  if (!(pc?.Enabled === true || pc?.Enabled === 'true')) return undefined;
  let processor: LambdaProcessor | undefined;
  for (const proc of pc.Processors ?? []) {
    if (proc.Type !== 'Lambda') {
      report(`ProcessingConfiguration processor ${proc.Type}: not simulated`);
      continue;
    }
    const param = (name: string) => (proc.Parameters ?? []).find((x: any) => x.ParameterName === name)?.ParameterValue;
    processor = {
      functionArn: String(param('LambdaArn')),
      retries: Number(param('NumberOfRetries') ?? DEFAULT_PROCESSOR_RETRIES),
      bufferBytes: Number(param('BufferSizeInMBs') ?? DEFAULT_PROCESSOR_BUFFER_MB) * 1024 * 1024,
      roleArn: param('RoleArn') === undefined ? (d.RoleARN === undefined ? undefined : String(d.RoleARN)) : String(param('RoleArn')),
    };
  }
  return processor;
}
