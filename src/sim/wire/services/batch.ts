/**
 * AWS Batch on the wire (restJson1): `POST /v1/<operation>` with the input as the JSON body, as the Batch API
 * reference binds SubmitJob, DescribeJobs, ListJobs, TerminateJob and CancelJob.
 */
import { Operation } from '../protocols/operation';
import { WireService } from '../types';

const post = (path: string): Operation => ({ http: { method: 'POST', path } });

export const BATCH_WIRE: WireService = {
  namespace: 'batch',
  title: 'AWS Batch',
  signingName: 'batch',
  hostPattern: /^batch\./,
  auth: 'rest-json',
  rest: 'json',
  operations: {
    SubmitJob: post('/v1/submitjob'),
    DescribeJobs: post('/v1/describejobs'),
    ListJobs: post('/v1/listjobs'),
    TerminateJob: post('/v1/terminatejob'),
    CancelJob: post('/v1/canceljob'),
    DescribeJobQueues: post('/v1/describejobqueues'),
    DescribeJobDefinitions: post('/v1/describejobdefinitions'),
  },
};
