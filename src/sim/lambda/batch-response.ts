/**
 * Partial batch responses (FunctionResponseTypes ReportBatchItemFailures), per "Handling errors for an SQS event
 * source in Lambda". Complete success: a null/absent response, a response without `batchItemFailures`, or an empty
 * `batchItemFailures` list. Complete failure: a response Lambda cannot read as an object, a `batchItemFailures`
 * that is not a list, an entry whose `itemIdentifier` is null, empty, missing (a bad key name) or not the message
 * id of a record in the batch. Otherwise the listed messages failed and the others succeeded.
 */
export type BatchResponseVerdict =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failedIds: ReadonlySet<string> }
  | { readonly kind: 'invalid'; readonly reason: string };

export function readBatchResponse(result: unknown, batchMessageIds: ReadonlySet<string>): BatchResponseVerdict {
  if (result === null || result === undefined) return { kind: 'success' };
  if (typeof result !== 'object' || Array.isArray(result)) {
    return { kind: 'invalid', reason: `the response is not a JSON object (${Array.isArray(result) ? 'array' : typeof result})` };
  }
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'invalid', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const failedIds = new Set<string>();
  for (const entry of failures) {
    const id = typeof entry === 'object' && entry !== null ? (entry as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (id === undefined) return { kind: 'invalid', reason: 'a batchItemFailures entry has no itemIdentifier key' };
    if (id === null) return { kind: 'invalid', reason: 'a batchItemFailures entry has a null itemIdentifier' };
    if (typeof id !== 'string' || id === '') return { kind: 'invalid', reason: 'a batchItemFailures entry has an empty itemIdentifier' };
    if (!batchMessageIds.has(id)) return { kind: 'invalid', reason: `itemIdentifier '${id}' is not the message id of a record in the batch` };
    failedIds.add(id);
  }
  return { kind: 'partial', failedIds };
}
