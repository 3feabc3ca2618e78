import { BodyPiece, InboundQueueMessage, piecesText } from '../runtime';

/**
 * An envelope on its way to one SQS subscription: the queue checks and keeps the pieces (the publish's shared head,
 * the subscription's UnsubscribeURL, the publish's shared tail); the whole body is written only if someone reads
 * `body`.
 *
 * One per subscription, pointed at each publish in turn (`of`): a fan-out would otherwise build an object and an
 * array per delivery only for the queue to copy three references out of them. That is safe because a queue reads a
 * delivery synchronously and keeps only its pieces (SqsService.deliver), so a publish that a delivery causes (a
 * consumer notified by the queue) may point the same object elsewhere once the queue has read it.
 */
export class EnvelopeQueueDelivery implements InboundQueueMessage {
  public readonly bodyParts: BodyPiece[];
  public messageGroupId: string | undefined = undefined;
  public messageDeduplicationId: string | undefined = undefined;

  constructor(unsubscribeUrlJson: string) {
    this.bodyParts = ['', unsubscribeUrlJson, ''];
  }

  /** This delivery, now carrying one publish's envelope head and tail (and, to a FIFO queue, its ids). */
  public of(head: BodyPiece, tail: BodyPiece, groupId: string | undefined, dedupId: string | undefined): this {
    this.bodyParts[0] = head;
    this.bodyParts[2] = tail;
    this.messageGroupId = groupId;
    this.messageDeduplicationId = dedupId;
    return this;
  }

  public get body(): string {
    return piecesText(this.bodyParts);
  }
}
