/**
 * Batch reports every bad request as `ClientException` (HTTP 400), with the message in the response body. Messages
 * below are the ones Batch returns where they are known (job queue / definition not found, Fargate sizes); the others
 * say plainly what was wrong.
 */
import { AwsError, TemplateLoadError } from '../kernel';

export function clientException(message: string): AwsError {
  return new AwsError('ClientException', message);
}

/** A job definition CloudFormation could not register: RegisterJobDefinition's ClientException. */
export function registerError(logicalId: string, message: string): TemplateLoadError {
  return new TemplateLoadError(logicalId, 'ClientException', `Error executing request, Exception : ${message}`);
}

export function jobQueueNotFound(ref: string): AwsError {
  return clientException(`JobQueue ${ref} not found.`);
}

export function jobDefinitionNotFound(ref: string): AwsError {
  return ref.startsWith('arn:')
    ? clientException(`JobDefinition ${ref} not found.`)
    : clientException(`JobDefinition name ${ref} does not exist or is not in ACTIVE status`);
}
