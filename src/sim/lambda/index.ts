export { LambdaService, invocationRecord, MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES } from './lambda-service';
export { LambdaHandle } from './handle';
export type { InvokeInput, InvokeOutput } from './handle';
export type { HandlerOptions, InvocationRecord, InvocationSource, LambdaHandlerFn } from './function';
export type { LambdaContext } from './context';
export type { FunctionErrorPayload } from './errors';
export type { SqsEvent, SqsEventRecord, SqsEventMessageAttribute } from './sqs-event';
export { ASYNC_RETRY_DELAYS_MS } from './async-invocation';
export type { PayloadBlob } from './blob';
