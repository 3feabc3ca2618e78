/**
 * The `context` object a Node.js handler receives, on the virtual clock. `memoryLimitInMB` is a string, as the
 * Node.js runtime passes it. `getRemainingTimeInMillis` counts down from the function Timeout in virtual time; a
 * handler runs in zero virtual time, so it reports the full timeout unless the test advances the clock from inside.
 */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  getRemainingTimeInMillis(): number;
}

export interface ContextInput {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly memoryMb: number;
  readonly requestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Virtual epoch ms at which the invocation times out. */
  readonly deadline: number;
  readonly now: () => number;
}

export function lambdaContext(input: ContextInput): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: input.invokedFunctionArn,
    memoryLimitInMB: String(input.memoryMb),
    awsRequestId: input.requestId,
    logGroupName: input.logGroupName,
    logStreamName: input.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, input.deadline - input.now()),
  };
}

/** `2024/01/01/[$LATEST]<32 hex>`: the stream name format Lambda uses for an execution environment. */
export function logStreamName(now: number, hex32: string): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/[$LATEST]${hex32}`;
}
