/**
 * Firehose: the stream's destinations (S3 bucket, with its prefix; OpenSearch, Redshift, HTTP endpoints and Splunk
 * as external nodes), its S3 backup as a side path, its Kinesis source and its transforming Lambda function.
 */
import { asList, EdgeExtractor } from './extractor';

const EXTERNAL_DESTINATIONS: ReadonlyArray<[string, string]> = [
  ['AmazonopensearchserviceDestinationConfiguration', 'OpenSearch'],
  ['ElasticsearchDestinationConfiguration', 'OpenSearch'],
  ['AmazonOpenSearchServerlessDestinationConfiguration', 'OpenSearch Serverless'],
  ['RedshiftDestinationConfiguration', 'Redshift'],
  ['HttpEndpointDestinationConfiguration', 'HTTP endpoint'],
  ['SplunkDestinationConfiguration', 'Splunk'],
  ['SnowflakeDestinationConfiguration', 'Snowflake'],
  ['IcebergDestinationConfiguration', 'Iceberg tables'],
];

export const firehoseExtractor: EdgeExtractor = {
  types: ['AWS::KinesisFirehose::DeliveryStream'],
  extract(r, g) {
    const p = r.properties;
    const stream = g.node(r);
    for (const key of ['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']) {
      const c = p[key];
      if (!c) continue;
      g.edge(stream, g.nodeOf(c.BucketARN), 'flow', c.Prefix ? `prefix ${c.Prefix}` : 'delivers');
      const backup = c.S3BackupConfiguration;
      if (backup) g.edge(stream, g.nodeOf(backup.BucketARN), 'side', 'backup');
      for (const proc of asList<any>(c.ProcessingConfiguration?.Processors)) {
        for (const param of asList<any>(proc?.Parameters)) {
          if (param?.ParameterName === 'LambdaArn') g.edge(stream, g.nodeOf(param.ParameterValue), 'flow', 'transform');
        }
      }
    }
    for (const [key, title] of EXTERNAL_DESTINATIONS) {
      if (p[key]) g.edge(stream, g.external(`firehose_${title}`, title, 'Firehose destination'), 'flow', 'delivers');
    }
    const source = p.KinesisStreamSourceConfiguration?.KinesisStreamARN;
    if (source) g.edge(g.nodeOf(source) ?? g.external('kinesis_source', 'Kinesis stream', 'source'), stream, 'flow');
  },
};
