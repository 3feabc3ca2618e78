import { DeferredText } from '../runtime';

/** What the head of a notification envelope shows (sns-message-and-json-formats), read from the published message. */
export interface EnvelopeSource {
  readonly messageId: string;
  readonly fifo: boolean;
  readonly sequenceNumber: string | undefined;
  readonly topicArn: string;
  readonly subject: string | undefined;
  /** ISO-8601 publish time. */
  readonly timestamp: string;
  readonly signatureVersion: '1' | '2';
  readonly signature: string;
  readonly signingCertUrl: string;
}

// The head's fixed fragments, in order. `asciiLength` adds up the same fragments; a property test holds it to the text.
const OPEN = '{"Type":"Notification","MessageId":"';
const SEQUENCE = '","SequenceNumber":"';
const TOPIC = '","TopicArn":"';
const SUBJECT = '","Subject":';
const MESSAGE_AFTER_SUBJECT = ',"Message":';
const MESSAGE = '","Message":';
const TIMESTAMP = ',"Timestamp":"';
const SIGNATURE_VERSION = '","SignatureVersion":"';
const SIGNATURE = '","Signature":"';
const SIGNING_CERT = '","SigningCertURL":"';
const UNSUBSCRIBE = '","UnsubscribeURL":';

/** The length of every placeholder signature (see PublishedMessage.signature). */
export const SIGNATURE_LENGTH = 344;

/**
 * The envelope up to the UnsubscribeURL value: the part every subscription of a publish shares. It is written on
 * first read. Until then a queue holding it needs only its size, which is known from its parts: the fixed fragments,
 * the ids, ARNs and timestamp (ASCII that needs no JSON escaping), and the JSON-escaped subject and message, whose
 * escaped length one pass over their characters gives when they are ASCII.
 */
export class EnvelopeHead implements DeferredText {
  public readonly asciiLength: number;
  private written: string | undefined;

  constructor(private readonly source: EnvelopeSource, private readonly content: string) {
    this.asciiLength = headAsciiLength(source, content);
  }

  public text(): string {
    if (this.written === undefined) this.written = this.write();
    return this.written;
  }

  private write(): string {
    const s = this.source;
    // One join writes a flat string; chained `+` would build a rope that every reader then flattens.
    const head: string[] = [OPEN, s.messageId];
    if (s.fifo) head.push(SEQUENCE, s.sequenceNumber as string);
    head.push(TOPIC, s.topicArn);
    if (s.subject !== undefined) head.push(SUBJECT, JSON.stringify(s.subject), MESSAGE_AFTER_SUBJECT);
    else head.push(MESSAGE);
    head.push(JSON.stringify(this.content), TIMESTAMP, s.timestamp);
    // FIFO topics do not sign the notifications they deliver.
    if (!s.fifo) head.push(SIGNATURE_VERSION, s.signatureVersion, SIGNATURE, s.signature, SIGNING_CERT, s.signingCertUrl);
    head.push(UNSUBSCRIBE);
    return head.join('');
  }
}

function headAsciiLength(s: EnvelopeSource, content: string): number {
  const message = jsonAsciiLength(content);
  const subject = s.subject === undefined ? 0 : jsonAsciiLength(s.subject);
  if (message < 0 || subject < 0) return -1;
  let n = OPEN.length + s.messageId.length;
  if (s.fifo) n += SEQUENCE.length + (s.sequenceNumber as string).length;
  n += TOPIC.length + s.topicArn.length;
  n += s.subject !== undefined ? SUBJECT.length + subject + MESSAGE_AFTER_SUBJECT.length : MESSAGE.length;
  n += message + TIMESTAMP.length + s.timestamp.length;
  if (!s.fifo) {
    n += SIGNATURE_VERSION.length + s.signatureVersion.length + SIGNATURE.length + SIGNATURE_LENGTH;
    n += SIGNING_CERT.length + s.signingCertUrl.length;
  }
  return n + UNSUBSCRIBE.length;
}

/**
 * The length of `JSON.stringify(text)` when `text` is ASCII, else -1. JSON.stringify writes `"` and `\` as two
 * characters, backspace, tab, line feed, form feed and carriage return as two (`\n`), other control characters as
 * six (`\u001f`), and every other ASCII character as itself (ECMA-262 QuoteJSONString).
 */
export function jsonAsciiLength(text: string): number {
  let n = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20) {
      if (c > 0x7f) return -1;
      if (c === QUOTE || c === BACKSLASH) n++;
    } else {
      n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    }
  }
  return n;
}

const QUOTE = 34;
const BACKSLASH = 92;
