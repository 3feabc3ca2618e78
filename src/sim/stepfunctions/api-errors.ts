/** The Step Functions API's errors (SDK v3 exception names), with the messages the service gives. */
import { AwsError } from '../kernel';

export const executionDoesNotExist = (arn: string) => new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const stateMachineDoesNotExist = (arn: string) => new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const invalidArn = (arn: unknown) => new AwsError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
export const invalidExecutionInput = (why: string) => new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${why}'`);
export const invalidName = (name: string) => new AwsError('InvalidName', `Invalid Name: '${name}'`);
export const executionAlreadyExists = (arn: string) => new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
export const typeNotSupported = (what: string) => new AwsError('StateMachineTypeNotSupported', what);
export const executionNotRedrivable = (arn: string, why: string) => new AwsError('ExecutionNotRedrivable', `Execution ${arn} cannot be redriven: ${why}`);
