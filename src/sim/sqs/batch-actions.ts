/**
 * Batch actions (SQS developer guide: "Amazon SQS batch actions"; SQS API reference, SendMessageBatch,
 * DeleteMessageBatch, ChangeMessageVisibilityBatch): 1 to 10 entries with distinct ids of up to 80 letters, digits,
 * hyphens and underscores; a SendMessageBatch of at most 1 MiB in total; each entry succeeds or fails on its own.
 */
import { AwsError } from '../kernel';
import {
  batchEntryIdsNotDistinct,
  batchRequestTooLong,
  emptyBatchRequest,
  invalidBatchEntryId,
  tooManyEntriesInBatchRequest,
} from './errors';
import { utf8Length } from './message-validation';
import { BatchResultErrorEntry, SendMessageBatchRequestEntry } from './types';

/** SendMessageBatch: the sum of all message sizes may not exceed 1 MiB. */
export const MAX_BATCH_BYTES = 1_048_576;
const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The checks SQS makes on a batch before looking at any entry. */
export function checkBatch<T extends { Id: string | undefined }>(entries: T[] | undefined, entryType: string): T[] {
  if (!entries || entries.length === 0) throw emptyBatchRequest(entryType);
  if (entries.length > MAX_BATCH_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw invalidBatchEntryId();
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries;
}

/** Refuses a SendMessageBatch whose bodies and attributes add up to more than 1 MiB (BatchRequestTooLong). */
export function checkBatchSize(entries: readonly SendMessageBatchRequestEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    if (typeof entry.MessageBody === 'string') total += utf8Length(entry.MessageBody);
    for (const [name, a] of Object.entries(entry.MessageAttributes ?? {})) {
      total += utf8Length(name) + (typeof a?.DataType === 'string' ? utf8Length(a.DataType) : 0);
      if (a?.BinaryValue instanceof Uint8Array) total += a.BinaryValue.length;
      else if (typeof a?.StringValue === 'string') total += utf8Length(a.StringValue);
    }
  }
  if (total > MAX_BATCH_BYTES) throw batchRequestTooLong(MAX_BATCH_BYTES, total);
}

/** The Failed entry of a batch entry whose action threw `err` (anything but an AwsError is re-thrown). */
export function failedEntry(id: string, err: unknown): BatchResultErrorEntry {
  if (!(err instanceof AwsError)) throw err;
  return { Id: id, SenderFault: err.$fault === 'client', Code: err.name, Message: err.message };
}
