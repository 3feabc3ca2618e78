/**
 * The errors SQS returns, with the names the AWS SDK v3 gives them and the messages SQS sends. Where SQS reports a
 * query-protocol code that differs from the name (`AWS.SimpleQueueService.*`), it is kept in `Code`.
 */
import { AwsError } from '../kernel';
import type { AccessDecision } from '../runtime';

const QUERY = 'AWS.SimpleQueueService.';

export const VALID_CHARACTERS_TEXT = '#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

/** `Value <v> for parameter <p> is invalid. Reason: <reason>` — the shape SQS uses for most parameter errors. */
export function invalidParameter(parameter: string, value: unknown, reason: string): AwsError {
  return invalidParameterValue(`Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export function missingParameter(parameter: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${parameter}.`);
}

export function queueDoesNotExist(): AwsError {
  return new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', { code: `${QUERY}NonExistentQueue` });
}

export function invalidMessageContents(): AwsError {
  return new AwsError('InvalidMessageContents', `Invalid characters found. Valid unicode characters are ${VALID_CHARACTERS_TEXT}`);
}

export function receiptHandleIsInvalid(handle: string): AwsError {
  return new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
}

/** An older receipt handle of a FIFO message still in the queue. */
export function receiptHandleExpired(handle: string): AwsError {
  return invalidParameter('ReceiptHandle', handle, 'The receipt handle has expired.');
}

export function messageNotInflight(): AwsError {
  return new AwsError('MessageNotInflight', "The specified message isn't in flight.", { code: `${QUERY}MessageNotInflight` });
}

export function invalidAttributeName(name: string): AwsError {
  return new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

export function invalidAttributeValue(name: string): AwsError {
  return new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

export function emptyBatchRequest(entryType: string): AwsError {
  return new AwsError('EmptyBatchRequest', `There should be at least one ${entryType} in the request.`, { code: `${QUERY}EmptyBatchRequest` });
}

export function tooManyEntriesInBatchRequest(count: number): AwsError {
  return new AwsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`, {
    code: `${QUERY}TooManyEntriesInBatchRequest`,
  });
}

export function invalidBatchEntryId(): AwsError {
  return new AwsError('InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    { code: `${QUERY}InvalidBatchEntryId` });
}

export function batchEntryIdsNotDistinct(id: string): AwsError {
  return new AwsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, { code: `${QUERY}BatchEntryIdsNotDistinct` });
}

export function batchRequestTooLong(limit: number, sent: number): AwsError {
  return new AwsError('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`, {
    code: `${QUERY}BatchRequestTooLong`,
  });
}

export function purgeQueueInProgress(queueName: string): AwsError {
  return new AwsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, {
    code: `${QUERY}PurgeQueueInProgress`,
    httpStatusCode: 403,
  });
}

export function resourceNotFound(parameter: string): AwsError {
  return new AwsError('ResourceNotFoundException', `The resource that you specified for the ${parameter} parameter doesn't exist.`, {
    httpStatusCode: 404,
  });
}

export function unsupportedOperation(message: string): AwsError {
  return new AwsError('UnsupportedOperation', message, { code: `${QUERY}UnsupportedOperation` });
}

export function accessDenied(queueUrl: string, decision?: AccessDecision): AwsError {
  // SQS words a queue policy's refusal itself; an identity-based refusal carries IAM's sentence.
  const message = decision?.side === 'identity' && decision.message ? decision.message : `Access to the resource ${queueUrl} is denied.`;
  return new AwsError('AccessDenied', message, { httpStatusCode: 403 });
}

/**
 * The error SQS returns when the queue's KMS key cannot be used (SDK v3 names; the query-protocol codes are
 * `KMS.AccessDeniedException`, `KMS.DisabledException`, `KMS.NotFoundException`), HTTP 400.
 */
export function kmsError(reason: 'denied' | 'disabled' | 'not-found', message: string): AwsError {
  const [name, code] = reason === 'denied' ? ['KmsAccessDenied', 'KMS.AccessDeniedException']
    : reason === 'disabled' ? ['KmsDisabled', 'KMS.DisabledException'] : ['KmsNotFound', 'KMS.NotFoundException'];
  return new AwsError(name, message, { code, httpStatusCode: 400 });
}
