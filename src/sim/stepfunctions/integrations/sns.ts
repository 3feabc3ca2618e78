/**
 * `arn:aws:states:::sns:publish`: Publish as the state machine's role (the topic policy decides). A non-string
 * `Message` is sent as its JSON text. Errors are `SNS.<Exception>`.
 */
import type { IntegrationContext } from './context';
import { asText, optimizedError, withSdkMetadata } from './sdk';
import type { Json } from '../paths/jsonpath';

export async function snsPublish(ic: IntegrationContext): Promise<Json> {
  const p = ic.parameters;
  const api = ic.api('sns', 'SNS');
  try {
    const out = await api.call('Publish', { ...p, Message: asText(p.Message) }, ic.caller);
    return withSdkMetadata(out);
  } catch (e) {
    throw optimizedError('SNS', e);
  }
}
