/**
 * Amazon AppFlow on the wire (restJson1): `POST /<operation-name>` with the input as the JSON body, as the AppFlow API
 * reference binds StartFlow, StopFlow, DescribeFlow and DescribeFlowExecutionRecords.
 */
import { Operation } from '../protocols/operation';
import { WireService } from '../types';

const post = (path: string): Operation => ({ http: { method: 'POST', path } });

export const APPFLOW_WIRE: WireService = {
  namespace: 'appflow',
  title: 'Amazon AppFlow',
  signingName: 'appflow',
  hostPattern: /^appflow\./,
  auth: 'rest-json',
  rest: 'json',
  operations: {
    StartFlow: post('/start-flow'),
    StopFlow: post('/stop-flow'),
    DescribeFlow: post('/describe-flow'),
    DescribeFlowExecutionRecords: post('/describe-flow-execution-records'),
    ListFlows: post('/list-flows'),
  },
};
