/**
 * The edge extractors, one per service. Adding a service to the diagram: one file beside this one and one line here.
 * The IAM extractor comes after the services (its grants add producers where configuration drew nothing), the
 * infrastructure extractor last.
 */
import { apiGatewayExtractor } from './apigateway';
import { apiGatewayV2Extractor } from './apigatewayv2';
import { appFlowExtractor } from './appflow';
import { batchExtractor } from './batch';
import { cloudWatchExtractor } from './cloudwatch';
import { dynamoDbExtractor } from './dynamodb';
import { eventsExtractor } from './events';
import type { EdgeExtractor } from './extractor';
import { firehoseExtractor } from './firehose';
import { iamExtractor } from './iam';
import { infrastructureExtractor } from './infrastructure';
import { lambdaExtractor } from './lambda';
import { s3Extractor } from './s3';
import { snsExtractor } from './sns';
import { sqsExtractor } from './sqs';
import { stepFunctionsExtractor } from './stepfunctions';

export const EXTRACTORS: readonly EdgeExtractor[] = [
  sqsExtractor,
  snsExtractor,
  lambdaExtractor,
  s3Extractor,
  cloudWatchExtractor,
  firehoseExtractor,
  apiGatewayExtractor,
  apiGatewayV2Extractor,
  stepFunctionsExtractor,
  batchExtractor,
  appFlowExtractor,
  eventsExtractor,
  dynamoDbExtractor,
  iamExtractor,
  infrastructureExtractor,
];
