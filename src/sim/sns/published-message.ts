import { createHash } from 'node:crypto';
import { MessageAttributeValue, SimEnvironment } from '../runtime';

/** A fixed certificate name: the simulator does not sign with a real key (see `signature`). */
const SIGNING_CERT = 'SimpleNotificationService-0000000000000000000000000000sim.pem';

/** What a subscription needs to address a delivery. */
export interface DeliveryTarget {
  readonly arn: string;
  readonly protocol: string;
  /** JSON string of the subscription's UnsubscribeURL (computed once per subscription). */
  readonly unsubscribeUrlJson: string;
  readonly unsubscribeUrl: string;
}

interface EnvelopeParts {
  readonly head: string;
  readonly tail: string;
  readonly signature: string;
}

/**
 * One published message and the payloads SNS derives from it: the JSON envelope delivered to SQS, HTTP/S,
 * email-json and Firehose (sns-message-and-json-formats), the Lambda event (with-sns), and the raw content for raw
 * delivery. Envelope strings are built once per message and only the UnsubscribeURL differs per subscription.
 */
export class PublishedMessage {
  private readonly envelopes = new Map<string, EnvelopeParts>();

  constructor(
    private readonly env: SimEnvironment,
    public readonly topicArn: string,
    public readonly fifo: boolean,
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

  /** The message text a protocol receives: its own entry of a MessageStructure json message, else the message. */
  public contentFor(protocol: string): string {
    if (this.structure === undefined) return this.message;
    return this.structure[protocol] ?? this.structure.default;
  }

  /** Attributes that travel with the message: none for MessageStructure json (sns-message-attributes). */
  public get deliveredAttributes(): Readonly<Record<string, MessageAttributeValue>> | undefined {
    if (this.structure !== undefined || this.attributes === undefined) return undefined;
    return Object.keys(this.attributes).length > 0 ? this.attributes : undefined;
  }

  /** The JSON envelope for a subscription. */
  public envelope(target: DeliveryTarget): string {
    const parts = this.envelopeParts(target.protocol);
    return parts.head + target.unsubscribeUrlJson + parts.tail;
  }

  /**
   * The event a subscribed function receives (with-sns): one record with the notification, `Subject` null when
   * absent, `MessageAttributes` as `{Type, Value}` (Binary values in base64) and `SigningCertUrl`/`UnsubscribeUrl`
   * spelled as Lambda spells them.
   */
  public lambdaEvent(target: DeliveryTarget): unknown {
    const parts = this.envelopeParts(target.protocol);
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
          Signature: parts.signature,
          SigningCertUrl: this.signingCertUrl,
          UnsubscribeUrl: target.unsubscribeUrl,
          MessageAttributes: envelopeAttributes(this.deliveredAttributes) ?? {},
        },
      }],
    };
  }

  private get signingCertUrl(): string {
    return `https://sns.${this.env.region}.${this.env.urlSuffix}/${SIGNING_CERT}`;
  }

  private envelopeParts(protocol: string): EnvelopeParts {
    const content = this.contentFor(protocol);
    const key = this.structure === undefined ? '' : protocol;
    let parts = this.envelopes.get(key);
    if (parts !== undefined) return parts;
    const q = JSON.stringify;
    const signature = signatureOf(content, this.messageId, this.subject, this.timestamp, this.topicArn);
    let head = `{"Type":"Notification","MessageId":${q(this.messageId)}`;
    if (this.fifo) head += `,"SequenceNumber":${q(this.sequenceNumber)}`;
    head += `,"TopicArn":${q(this.topicArn)}`;
    if (this.subject !== undefined) head += `,"Subject":${q(this.subject)}`;
    head += `,"Message":${q(content)},"Timestamp":${q(this.timestamp)}`;
    // FIFO topics do not sign the notifications they deliver.
    if (!this.fifo) head += `,"SignatureVersion":"1","Signature":${q(signature)},"SigningCertURL":${q(this.signingCertUrl)}`;
    head += ',"UnsubscribeURL":';
    const attrs = envelopeAttributes(this.deliveredAttributes);
    const tail = attrs === undefined ? '}' : `,"MessageAttributes":${q(attrs)}}`;
    parts = { head, tail, signature };
    this.envelopes.set(key, parts);
    return parts;
  }
}

/** Attributes as the envelope and the Lambda event show them: `{"Type": "String", "Value": "..."}`. */
export function envelopeAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Record<string, { Type: string; Value: string }> | undefined {
  if (attributes === undefined) return undefined;
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const name of Object.keys(attributes)) {
    const a = attributes[name];
    out[name] = {
      Type: a.DataType,
      Value: a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue).toString('base64') : a.StringValue ?? '',
    };
  }
  return out;
}

/**
 * A deterministic stand-in for the SHA1withRSA signature (sns-verify-signature-of-message): 256 bytes in base64,
 * the length a 2048-bit RSA signature has, derived from the canonical string SNS signs. It does not verify against a
 * certificate: the simulator has no SNS private key, and signature checks belong to the endpoint's own tests.
 */
function signatureOf(message: string, messageId: string, subject: string | undefined, timestamp: string, topicArn: string): string {
  let canonical = `Message\n${message}\nMessageId\n${messageId}\n`;
  if (subject !== undefined) canonical += `Subject\n${subject}\n`;
  canonical += `Timestamp\n${timestamp}\nTopicArn\n${topicArn}\nType\nNotification\n`;
  const digest = createHash('sha256').update(canonical).digest();
  return Buffer.concat([digest, digest, digest, digest, digest, digest, digest, digest]).toString('base64');
}
