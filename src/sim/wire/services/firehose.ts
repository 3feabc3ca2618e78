/**
 * Amazon Data Firehose on the wire (awsJson1_1, `Firehose_20150804.<Action>`): a record's `Data` is base64 on the
 * wire and bytes in the SDK shapes.
 */
import { blob, list, struct } from '../protocols/shapes';
import { WireService } from '../types';

const record = struct({ Data: blob });

export const FIREHOSE_WIRE: WireService = {
  namespace: 'firehose',
  title: 'Amazon Data Firehose',
  signingName: 'firehose',
  hostPattern: /^firehose\./,
  auth: 'json',
  json: { version: '1.1', targetPrefix: 'Firehose_20150804', errorNamespace: 'com.amazonaws.firehose' },
  operations: {
    PutRecord: { input: struct({ Record: record }) },
    PutRecordBatch: { input: struct({ Records: list(record) }) },
    DescribeDeliveryStream: {},
  },
};
