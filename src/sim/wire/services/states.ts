/**
 * AWS Step Functions on the wire (awsJson1_0, `AWSStepFunctions.<Action>`): the operations the Step Functions
 * simulator's handles answer. Their members carry no blobs and the output timestamps (`startDate`) are written as
 * epoch seconds, so the entries need no shapes: the JSON passes through.
 */
import { Operation } from '../protocols/operation';
import { WireService } from '../types';

const passThrough: Operation = {};

export const STATES_WIRE: WireService = {
  namespace: 'states',
  title: 'AWS Step Functions',
  signingName: 'states',
  // StartSyncExecution goes to the `sync-states.` host prefix.
  hostPattern: /^(sync-)?states\./,
  auth: 'json',
  json: { version: '1.0', targetPrefix: 'AWSStepFunctions', errorNamespace: 'com.amazonaws.sfn' },
  operations: Object.fromEntries([
    'StartExecution', 'StartSyncExecution', 'DescribeExecution', 'StopExecution', 'GetExecutionHistory', 'ListExecutions',
    'RedriveExecution', 'SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat', 'DescribeStateMachine', 'ListStateMachines',
  ].map(name => [name, passThrough])),
};
