/**
 * Every service the wire layer speaks for. A service that lands later (or one whose table grows) changes only its own
 * declaration file here; its API answers through `ctx.api(namespace)` as soon as the service implements `call`, and
 * until then a request for it gets the error an endpoint that does not know the operation gives, and is reported.
 */
import { WireService } from '../types';
import { APPFLOW_WIRE } from './appflow';
import { BATCH_WIRE } from './batch';
import { DYNAMODB_WIRE } from './dynamodb';
import { EXECUTE_API_WIRE } from './execute-api';
import { FIREHOSE_WIRE } from './firehose';
import { LAMBDA_WIRE } from './lambda';
import { S3_WIRE } from './s3';
import { SNS_WIRE } from './sns';
import { SQS_WIRE } from './sqs';
import { STATES_WIRE } from './states';

export const WIRE_SERVICES: readonly WireService[] = [
  SQS_WIRE, SNS_WIRE, S3_WIRE, LAMBDA_WIRE, STATES_WIRE, DYNAMODB_WIRE, FIREHOSE_WIRE, BATCH_WIRE, APPFLOW_WIRE, EXECUTE_API_WIRE,
];

export { EXECUTE_API_WIRE, S3_WIRE };
