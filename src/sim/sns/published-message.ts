import { BodyPiece, MessageAttributeValue, pieceText } from '../runtime';
import { EnvelopeHead, EnvelopeSource, placeholderSignature } from './envelope-head';
import { envelopeValue } from './envelope-tail';
import { countAttributes } from './message-attributes';
import { TopicEnvelope } from './topic-envelope';

/** What a subscription needs to address a delivery. */
export interface DeliveryTarget {
  readonly arn: string;
  readonly protocol: string;
  /** JSON string of the subscription's UnsubscribeURL (computed once per subscription). */
  readonly unsubscribeUrlJson: string;
  readonly unsubscribeUrl: string;
}

/**
 * The shared pieces of a message's envelope: the envelope is `head`, then the subscription's UnsubscribeURL (as JSON),
 * then `tail`. SQS checks and keeps the pieces (EnvelopeQueueDelivery) instead of one string per delivery.
 */
export interface EnvelopeParts {
  readonly head: EnvelopeHead;
  /** `}`, or the MessageAttributes and `}` (EnvelopeTail). */
  readonly tail: BodyPiece;
}

/**
 * One published message and the payloads SNS derives from it: the JSON envelope delivered to SQS, HTTP/S,
 * email-json and Firehose (sns-message-and-json-formats), the Lambda event (with-sns), and the raw content for raw
 * delivery. Envelope parts are made once per message and only the UnsubscribeURL differs per subscription; the head
 * of the envelope is written when first read (EnvelopeHead).
 */
export class PublishedMessage implements EnvelopeSource {
  /** The envelope parts of a plain message (every protocol gets the same text). */
  private parts: EnvelopeParts | undefined;
  /** MessageStructure json: envelope parts per protocol (created on first use). */
  private partsByProtocol: Map<string, EnvelopeParts> | undefined;

  constructor(
    /** What every envelope of the topic shows alike, and the topic's recent tails. */
    public readonly topic: TopicEnvelope,
    public readonly messageId: string,
    public readonly message: string,
    public readonly subject: string | undefined,
    public readonly attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
    /** MessageStructure json: the per-protocol messages (always with `default`). */
    public readonly structure: Readonly<Record<string, string>> | undefined,
    /** ISO-8601 publish time. */
    public readonly timestamp: string,
    public readonly sequenceNumber: string | undefined,
    public readonly messageGroupId: string | undefined,
    public readonly messageDeduplicationId: string | undefined,
  ) {}

  public get topicArn(): string {
    return this.topic.topicArn;
  }

  /** The message text a protocol receives: its own entry of a MessageStructure json message, else the message. */
  public contentFor(protocol: string): string {
    if (this.structure === undefined) return this.message;
    return this.structure[protocol] ?? this.structure.default;
  }

  /** Attributes that travel with the message: none for MessageStructure json (sns-message-attributes). */
  public get deliveredAttributes(): Readonly<Record<string, MessageAttributeValue>> | undefined {
    if (this.structure !== undefined || this.attributes === undefined) return undefined;
    return countAttributes(this.attributes) > 0 ? this.attributes : undefined;
  }

  /** The JSON envelope for a subscription. */
  public envelope(target: DeliveryTarget): string {
    const parts = this.envelopeParts(target.protocol);
    return parts.head.text() + target.unsubscribeUrlJson + pieceText(parts.tail);
  }

  /**
   * The event a subscribed function receives (with-sns): one record with the notification, `Subject` null when
   * absent, `MessageAttributes` as `{Type, Value}` (Binary values in base64) and `SigningCertUrl`/`UnsubscribeUrl`
   * spelled as Lambda spells them. Lambda events report SignatureVersion "1" whatever the topic's version is.
   */
  public lambdaEvent(target: DeliveryTarget): unknown {
    return {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: target.arn,
        Sns: {
          Type: 'Notification',
          MessageId: this.messageId,
          TopicArn: this.topicArn,
          Subject: this.subject ?? null,
          Message: this.contentFor(target.protocol),
          Timestamp: this.timestamp,
          SignatureVersion: '1',
          Signature: this.signature,
          SigningCertUrl: this.topic.signingCertUrl,
          UnsubscribeUrl: target.unsubscribeUrl,
          MessageAttributes: envelopeAttributes(this.deliveredAttributes) ?? {},
        },
      }],
    };
  }

  /** The placeholder signature the envelope shows (see `placeholderSignature`). */
  public get signature(): string {
    return placeholderSignature(this.messageId);
  }

  /** The envelope pieces a protocol's subscriptions share (made on first use). */
  public envelopeParts(protocol: string): EnvelopeParts {
    if (this.structure === undefined) {
      if (this.parts === undefined) this.parts = this.buildParts(this.message);
      return this.parts;
    }
    this.partsByProtocol ??= new Map();
    let parts = this.partsByProtocol.get(protocol);
    if (parts === undefined) {
      parts = this.buildParts(this.contentFor(protocol));
      this.partsByProtocol.set(protocol, parts);
    }
    return parts;
  }

  private buildParts(content: string): EnvelopeParts {
    const attributes = this.deliveredAttributes;
    return { head: new EnvelopeHead(this, content), tail: attributes === undefined ? '}' : this.topic.tails.tailFor(attributes) };
  }
}

/** Attributes as the Lambda event shows them: `{"Type": "String", "Value": "..."}` (the envelope writes the same, see EnvelopeTail). */
export function envelopeAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Record<string, { Type: string; Value: string }> | undefined {
  if (attributes === undefined) return undefined;
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const name of Object.keys(attributes)) {
    const a = attributes[name];
    out[name] = {
      Type: a.DataType,
      Value: envelopeValue(a),
    };
  }
  return out;
}
