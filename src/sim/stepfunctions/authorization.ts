import { RequiredPermission } from '../iam/api-authorization';

const ON_STATE_MACHINE = new Set(['StartExecution', 'StartSyncExecution', 'ListExecutions', 'DescribeStateMachine']);
const ON_EXECUTION = new Set(['DescribeExecution', 'GetExecutionHistory', 'StopExecution', 'RedriveExecution']);

/**
 * The permission a Step Functions API call needs (Service Authorization Reference, AWS Step Functions): actions on
 * a state machine name its ARN, actions on an execution the execution's ARN (`...:execution:<machine>:<name>`, or
 * `express:` for Express executions). The task-token callbacks (SendTaskSuccess, ...) are not authorized here: the
 * token, not an ARN in the request, names what they act on.
 */
export function stepFunctionsPermissions(action: string, input: Record<string, any>, logicalIdOf: (stateMachineArn: string) => string | undefined)
  : RequiredPermission[] {
  if (ON_STATE_MACHINE.has(action)) {
    const arn = String(input.stateMachineArn ?? input.StateMachineArn);
    const logicalId = logicalIdOf(arn);
    return logicalId ? [{ action: `states:${action}`, resource: arn, logicalId }] : [];
  }
  if (ON_EXECUTION.has(action)) {
    const arn = String(input.executionArn ?? input.ExecutionArn);
    const m = /^arn:([^:]+):states:([^:]*):(\d{12}):(?:execution|express):([^:]+):/.exec(arn);
    const logicalId = m ? logicalIdOf(`arn:${m[1]}:states:${m[2]}:${m[3]}:stateMachine:${m[4]}`) : undefined;
    return logicalId ? [{ action: `states:${action}`, resource: arn, logicalId }] : [];
  }
  return [];
}
