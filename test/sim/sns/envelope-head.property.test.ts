/**
 * The envelope head is sized before it is written (EnvelopeHead.asciiLength): SQS counts that size toward
 * MaximumMessageSize and SentMessageSize without assembling the text. These properties hold the arithmetic to the
 * written text for any message and subject, and the text to the envelope format (sns-message-and-json-formats).
 */
import * as fc from 'fast-check';
import { EnvelopeHead, EnvelopeSource, jsonAsciiLength, SIGNATURE_LENGTH } from '../../../src/sim/sns/envelope-head';

const isAscii = (text: string) => [...text].every(ch => ch.charCodeAt(0) < 0x80);

/** Characters JSON escapes (quotes, backslashes, every control character) mixed with plain ASCII and some non-ASCII. */
const text = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map(c => String.fromCharCode(c)), maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'a', ' ', '/'), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

function source(fifo: boolean, subject: string | undefined, signatureVersion: '1' | '2'): EnvelopeSource {
  return {
    messageId: '3f2b0d6e-8a3c-4c9e-9a47-0d6f0b1c2e3a',
    fifo,
    sequenceNumber: fifo ? '10000000000000000001' : undefined,
    topicArn: 'arn:aws:sns:us-east-1:123456789012:Orders',
    subject,
    timestamp: '2024-01-01T00:00:00.000Z',
    signatureVersion,
    signature: 'A'.repeat(SIGNATURE_LENGTH),
    signingCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-sim.pem',
  };
}

describe('EnvelopeHead: size known before the text is written', () => {
  test('jsonAsciiLength is the length of JSON.stringify for ASCII text (ECMA-262 QuoteJSONString) and -1 otherwise', () => {
    fc.assert(fc.property(text, t => {
      expect(jsonAsciiLength(t)).toBe(isAscii(t) ? JSON.stringify(t).length : -1);
    }), { numRuns: 500 });
  });

  test('asciiLength equals the written head\'s length when message and subject are ASCII, -1 otherwise; the head is the envelope up to UnsubscribeURL', () => {
    const params = fc.record({
      message: text.filter(t => t.length > 0),
      subject: fc.option(text, { nil: undefined }),
      fifo: fc.boolean(),
      signatureVersion: fc.constantFrom('1' as const, '2' as const),
    });
    fc.assert(fc.property(params, ({ message, subject, fifo, signatureVersion }) => {
      const s = source(fifo, subject, signatureVersion);
      const head = new EnvelopeHead(s, message);
      const written = head.text();
      const ascii = isAscii(message) && (subject === undefined || isAscii(subject));
      expect(head.asciiLength).toBe(ascii ? written.length : -1);
      if (ascii) expect(Buffer.byteLength(written, 'utf8')).toBe(written.length);
      expect(head.text()).toBe(written); // written once, the same string after
      const envelope = JSON.parse(`${written}"https://unsubscribe"}`);
      expect(envelope).toEqual({
        Type: 'Notification',
        MessageId: s.messageId,
        ...(fifo ? { SequenceNumber: s.sequenceNumber } : {}),
        TopicArn: s.topicArn,
        ...(subject !== undefined ? { Subject: subject } : {}),
        Message: message,
        Timestamp: s.timestamp,
        // FIFO topics do not sign their notifications.
        ...(fifo ? {} : { SignatureVersion: signatureVersion, Signature: s.signature, SigningCertURL: s.signingCertUrl }),
        UnsubscribeURL: 'https://unsubscribe',
      });
      // Key order as SNS writes it.
      expect(Object.keys(envelope)[0]).toBe('Type');
      expect(Object.keys(envelope).slice(-1)).toEqual(['UnsubscribeURL']);
    }), { numRuns: 300 });
  });
});
