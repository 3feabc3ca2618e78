/**
 * The errors SNS returns, shaped as the AWS SDK v3 throws them: `name` is the SDK exception name
 * (`InvalidParameterException`) and `Code` the query-protocol code (`InvalidParameter`).
 */
import { AwsError, TemplateLoadError } from '../kernel';

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message, { code: 'InvalidParameter' });
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, { code: 'ParameterValueInvalid' });
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('NotFoundException', message, { code: 'NotFound', httpStatusCode: 404 });
}

export function authorizationError(message: string): AwsError {
  return new AwsError('AuthorizationErrorException', message, { code: 'AuthorizationError', httpStatusCode: 403 });
}

export function batchError(name: 'TooManyEntriesInBatchRequest' | 'EmptyBatchRequest' | 'BatchEntryIdsNotDistinct' | 'InvalidBatchEntryId' | 'BatchRequestTooLong', message: string): AwsError {
  return new AwsError(`${name}Exception`, message, { code: name });
}

/**
 * A template AWS would refuse to deploy: CloudFormation's SNS handlers call Subscribe/CreateTopic and report SNS's
 * error code and message.
 */
export function templateInvalid(logicalId: string, message: string): TemplateLoadError {
  return new TemplateLoadError(logicalId, 'InvalidParameter', message);
}
