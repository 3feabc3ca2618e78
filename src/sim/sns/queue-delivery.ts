import { BodyPiece, InboundQueueMessage, piecesText } from '../runtime';

/**
 * An envelope on its way to an SQS subscription: the queue checks and keeps the pieces (the shared head, the
 * subscription's UnsubscribeURL, the shared tail); the whole body is written only if someone reads `body`.
 */
export class EnvelopeQueueDelivery implements InboundQueueMessage {
  constructor(
    public readonly bodyParts: readonly BodyPiece[],
    public readonly messageGroupId: string | undefined,
    public readonly messageDeduplicationId: string | undefined,
  ) {}

  public get body(): string {
    return piecesText(this.bodyParts);
  }
}
