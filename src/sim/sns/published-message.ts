/**
 * One published message and what SNS makes of it for each kind of subscriber (SNS developer guide, "Amazon SNS message
 * and JSON formats", "Invoking Lambda functions using Amazon SNS notifications"): the JSON notification envelope
 * delivered to SQS, HTTP/S, email-json and Firehose, the Lambda event, and the message itself for raw delivery.
 */
import { BodyMeasure, MessageAttributeValue } from '../runtime';
import { Topic } from './topic';
import { measureBody } from '../sqs/message-validation';

/** What a subscription adds to the envelope. */
export interface DeliveryTarget {
  readonly arn: string;
  readonly protocol: string;
  readonly unsubscribeUrl: string;
  /** `unsubscribeUrl` as a JSON string, as the envelope shows it. */
  readonly unsubscribeUrlJson: string;
  /** `unsubscribeUrlJson` measured once, when the subscription is made. */
  readonly unsubscribeUrlMeasure: BodyMeasure;
}

/**
 * A notification envelope without its UnsubscribeURL, the one field that differs between subscriptions: the text
 * before its value and the text after it. A publish writes these once and each subscription's envelope is the three
 * strings joined.
 */
interface EnvelopeText {
  readonly before: string;
  readonly after: string;
  /** `before` and `after` measured together, once per publish (the parts join at ASCII JSON punctuation). */
  readonly measure: BodyMeasure;
}

/** An envelope with its measure, for a queue that would otherwise scan every subscription's copy of the same text. */
export interface MeasuredEnvelope {
  readonly text: string;
  readonly measure: BodyMeasure;
}

export class PublishedMessage {
  /** The envelope of a plain message (every protocol shows the same message). */
  private envelopeText: EnvelopeText | undefined;
  /** MessageStructure json: the envelope per protocol, whose messages differ. */
  private envelopeTextByProtocol: Map<string, EnvelopeText> | undefined;

  constructor(
    public readonly topic: Topic,
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
    return this.topic.arn;
  }

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

  /** The JSON notification envelope a subscription receives. */
  public envelope(target: DeliveryTarget): string {
    const text = this.envelopeFor(target.protocol);
    return text.before + target.unsubscribeUrlJson + text.after;
  }

  /** The envelope and its measure: the shared text's, measured once per publish, plus the subscription's URL's. */
  public measuredEnvelope(target: DeliveryTarget): MeasuredEnvelope {
    const text = this.envelopeFor(target.protocol);
    const url = target.unsubscribeUrlMeasure;
    return {
      text: text.before + target.unsubscribeUrlJson + text.after,
      measure: {
        utf8Bytes: text.measure.utf8Bytes + url.utf8Bytes,
        invalidCharacters: text.measure.invalidCharacters || url.invalidCharacters,
      },
    };
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
          Signature: placeholderSignature(this.messageId),
          SigningCertUrl: this.topic.signingCertUrl,
          UnsubscribeUrl: target.unsubscribeUrl,
          MessageAttributes: envelopeAttributes(this.deliveredAttributes) ?? {},
        },
      }],
    };
  }

  private envelopeFor(protocol: string): EnvelopeText {
    if (this.structure === undefined) return (this.envelopeText ??= this.writeEnvelope(this.message));
    this.envelopeTextByProtocol ??= new Map();
    let text = this.envelopeTextByProtocol.get(protocol);
    if (text === undefined) {
      text = this.writeEnvelope(this.contentFor(protocol));
      this.envelopeTextByProtocol.set(protocol, text);
    }
    return text;
  }

  /**
   * The envelope's fields in the order SNS writes them: Type, MessageId, SequenceNumber (FIFO), TopicArn, Subject
   * (when given), Message, Timestamp, SignatureVersion, Signature and SigningCertURL (FIFO topics do not sign their
   * notifications), UnsubscribeURL, MessageAttributes (when the message has any). The text is what JSON.stringify
   * writes for those fields; the values the simulator makes itself (ids, sequence number, timestamp, signature) are
   * ASCII letters, digits and punctuation that JSON does not escape, and are written as they are.
   */
  private writeEnvelope(content: string): EnvelopeText {
    const topic = this.topic;
    let before = `{"Type":"Notification","MessageId":"${this.messageId}"`;
    if (topic.fifo) before += `,"SequenceNumber":"${this.sequenceNumber}"`;
    before += `,"TopicArn":${topic.envelopeJson.arn}`;
    if (this.subject !== undefined) before += `,"Subject":${JSON.stringify(this.subject)}`;
    before += `,"Message":${JSON.stringify(content)},"Timestamp":"${this.timestamp}"`;
    if (!topic.fifo) {
      before += `,"SignatureVersion":"${topic.signatureVersion}","Signature":"${placeholderSignature(this.messageId)}"`;
      before += `,"SigningCertURL":${topic.envelopeJson.signingCertUrl}`;
    }
    const attributes = envelopeAttributes(this.deliveredAttributes);
    before += ',"UnsubscribeURL":';
    const after = attributes === undefined ? '}' : `,"MessageAttributes":${JSON.stringify(attributes)}}`;
    const b = measureBody(before);
    const a = measureBody(after);
    return { before, after, measure: { utf8Bytes: b.utf8Bytes + a.utf8Bytes, invalidCharacters: b.invalidCharacters || a.invalidCharacters } };
  }
}

/** Attributes as the envelope and the Lambda event show them: `{"Type": "String", "Value": "..."}`, Binary in base64. */
export function envelopeAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Record<string, { Type: string; Value: string }> | undefined {
  if (attributes === undefined) return undefined;
  const shown: Record<string, { Type: string; Value: string }> = {};
  for (const [name, a] of Object.entries(attributes)) {
    shown[name] = { Type: a.DataType, Value: a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue).toString('base64') : a.StringValue ?? '' };
  }
  return shown;
}

/** The length of every placeholder signature: 344 base64 characters, the size of a 2048-bit RSA signature. */
export const SIGNATURE_LENGTH = 344;

/**
 * A stand-in for the SHA1withRSA signature (sns-verify-signature-of-message): the message id's hex digits repeated to
 * the length of a real signature, so it differs per message and repeats exactly run to run. It does not verify
 * against a certificate: the simulator has no SNS private key, and checking signatures belongs to the endpoint's own
 * tests.
 */
export function placeholderSignature(messageId: string): string {
  const digits = messageId.replaceAll('-', '') || 'A';
  // Hex digits are base64 characters; 'A==' closes the last group of a 256-byte value.
  return digits.repeat(Math.ceil((SIGNATURE_LENGTH - 3) / digits.length)).slice(0, SIGNATURE_LENGTH - 3) + 'A==';
}
