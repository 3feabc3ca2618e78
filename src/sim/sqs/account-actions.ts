/**
 * The SQS actions that name no queue URL: GetQueueUrl (by name, in an owner account) and ListQueues (the caller's
 * account's queues, by name prefix, paginated), answered from the queues the template declares.
 */
import { AwsError } from '../kernel';
import { invalidParameterValue, missingParameter, queueDoesNotExist } from './errors';
import { SqsQueue } from './queue';
import { accountOf } from '../kernel/arn';

export interface GetQueueUrlInput { readonly QueueName?: string; readonly QueueOwnerAWSAccountId?: string }
export interface ListQueuesOutput { readonly QueueUrls?: string[]; readonly NextToken?: string }
export interface ListQueuesInput { readonly QueueNamePrefix?: string; readonly NextToken?: string; readonly MaxResults?: number }

/** GetQueueUrl: the queue of that name in the owner account (the caller's own by default). */
export function findQueueByName(queues: Iterable<SqsQueue>, input: GetQueueUrlInput, callerAccount: string): SqsQueue {
  if (typeof input.QueueName !== 'string' || input.QueueName === '') throw missingParameter('QueueName');
  const owner = input.QueueOwnerAWSAccountId ?? callerAccount;
  for (const queue of queues) {
    if (queue.name === input.QueueName && accountOf(queue.arn) === owner) return queue;
  }
  throw queueDoesNotExist();
}

/**
 * ListQueues: up to 1,000 URLs of the caller's account's queues whose names start with the prefix. With MaxResults
 * (1 to 1,000) the answer is paginated and NextToken continues it; SQS returns no NextToken without MaxResults.
 */
export function listQueueUrls(queues: Iterable<SqsQueue>, input: ListQueuesInput, callerAccount: string): ListQueuesOutput {
  const max = input.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
    throw invalidParameterValue(`Value ${max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`);
  }
  const prefix = input.QueueNamePrefix ?? '';
  const urls = [...queues]
    .filter(q => accountOf(q.arn) === callerAccount && q.name.startsWith(prefix))
    .map(q => q.url)
    .sort();
  const start = input.NextToken === undefined ? 0 : tokenStart(input.NextToken, urls.length);
  const page = urls.slice(start, start + (max ?? 1000));
  const next = max !== undefined && start + page.length < urls.length ? Buffer.from(String(start + page.length)).toString('base64') : undefined;
  return { ...(page.length > 0 ? { QueueUrls: page } : {}), ...(next !== undefined ? { NextToken: next } : {}) };
}

function tokenStart(token: string, total: number): number {
  const start = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > total) throw new AwsError('InvalidParameterValue', 'Invalid NextToken value.');
  return start;
}
