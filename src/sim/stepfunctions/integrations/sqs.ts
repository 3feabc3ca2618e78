/**
 * `arn:aws:states:::sqs:sendMessage`: SendMessage as the state machine's role (the queue policy decides). A
 * non-string `MessageBody` is sent as its JSON text. Errors are `SQS.<Exception>`.
 */
import type { IntegrationContext } from './context';
import { asText, optimizedError, withSdkMetadata } from './sdk';
import type { Json } from '../paths/jsonpath';

export async function sqsSendMessage(ic: IntegrationContext): Promise<Json> {
  const p = ic.parameters;
  const api = ic.api('sqs', 'SQS');
  try {
    const out = await api.call('SendMessage', { ...p, MessageBody: asText(p.MessageBody) }, ic.caller);
    return withSdkMetadata(out);
  } catch (e) {
    throw optimizedError('SQS', e);
  }
}
