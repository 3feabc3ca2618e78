/**
 * The errors DynamoDB returns, with its messages (API Reference "Common Errors" and each operation's Errors section;
 * the texts are the service's own, including its spelling).
 */
import { AwsError } from '../kernel';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** `One or more parameter values were invalid: <detail>`. */
export function invalidParameter(detail: string): AwsError {
  return validation(`One or more parameter values were invalid: ${detail}`);
}

export function keyMismatch(): AwsError {
  return validation('The provided key element does not match the schema');
}

export function resourceNotFound(tableName?: string): AwsError {
  const suffix = tableName === undefined ? '' : `: Table: ${tableName} not found`;
  return new AwsError('ResourceNotFoundException', `Requested resource not found${suffix}`);
}

/** ConditionalCheckFailedException; `item` is the old item when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
export function conditionalCheckFailed(item?: Record<string, unknown>): AwsError {
  const err = new AwsError('ConditionalCheckFailedException', 'The conditional request failed');
  if (item) (err as unknown as { Item: unknown }).Item = item;
  return err;
}

export interface CancellationReason {
  readonly Code: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

export function transactionCanceled(reasons: readonly CancellationReason[]): AwsError {
  const codes = reasons.map(r => r.Code).join(', ');
  const err = new AwsError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`);
  (err as unknown as { CancellationReasons: readonly CancellationReason[] }).CancellationReasons = reasons;
  return err;
}

/** `1 validation error detected: Value '<v>' at '<field>' failed to satisfy constraint: <constraint>` (the SDK's model validation). */
export function constraint(value: unknown, field: string, rule: string): AwsError {
  return validation(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`);
}
