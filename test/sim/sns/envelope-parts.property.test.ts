/**
 * The envelope's shared head and tail are sized before they are written (asciiLength): SQS counts that size toward
 * MaximumMessageSize and SentMessageSize without assembling the text. These properties hold the arithmetic to the
 * written text for any message, subject and attributes, and the text to the envelope format
 * (sns-message-and-json-formats).
 */
import * as fc from 'fast-check';
import { MessageAttributeValue } from '../../../src/sim/runtime';
import { EnvelopeHead, EnvelopeSource, jsonAsciiLength, placeholderSignature, SIGNATURE_LENGTH } from '../../../src/sim/sns/envelope-head';
import { EnvelopeTail, EnvelopeTailCache } from '../../../src/sim/sns/envelope-tail';

const isAscii = (text: string) => [...text].every(ch => ch.charCodeAt(0) < 0x80);

/** Characters JSON escapes (quotes, backslashes, every control character) mixed with plain ASCII and some non-ASCII. */
const text = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map(c => String.fromCharCode(c)), maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'a', ' ', '/'), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

function source(fifo: boolean, subject: string | undefined, signatureVersion: '1' | '2'): EnvelopeSource {
  return {
    topic: {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:Orders',
      fifo,
      signatureVersion,
      signingCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-sim.pem',
    },
    messageId: '3f2b0d6e-8a3c-4c9e-9a47-0d6f0b1c2e3a',
    sequenceNumber: fifo ? '10000000000000000001' : undefined,
    subject,
    timestamp: '2024-01-01T00:00:00.000Z',
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
        TopicArn: s.topic.topicArn,
        ...(subject !== undefined ? { Subject: subject } : {}),
        Message: message,
        Timestamp: s.timestamp,
        // FIFO topics do not sign their notifications.
        ...(fifo ? {} : { SignatureVersion: signatureVersion, Signature: placeholderSignature(s.messageId), SigningCertURL: s.topic.signingCertUrl }),
        UnsubscribeURL: 'https://unsubscribe',
      });
      if (!fifo) expect(envelope.Signature).toHaveLength(SIGNATURE_LENGTH);
      // Key order as SNS writes it.
      expect(Object.keys(envelope)[0]).toBe('Type');
      expect(Object.keys(envelope).slice(-1)).toEqual(['UnsubscribeURL']);
    }), { numRuns: 300 });
  });
});

describe('EnvelopeTail: the MessageAttributes, copied at publish and sized before they are written', () => {
  const name = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '7', '_', '-', '.'), minLength: 1, maxLength: 8 });
  const attribute: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
    fc.record({ DataType: fc.constantFrom('String', 'Number', 'String.Array', 'String.custom "label"'), StringValue: text.filter(t => t.length > 0) }),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map(bytes => ({ DataType: 'Binary', BinaryValue: bytes })),
  );
  // Digit-only names included: JSON.stringify writes integer-like keys first, and so must the tail.
  const attributes = fc.dictionary(name, attribute, { minKeys: 1, maxKeys: 10 });

  /** The tail as JSON.stringify writes the `{Type, Value}` form. */
  function expectedTail(attrs: Record<string, MessageAttributeValue>): string {
    const shown: Record<string, { Type: string; Value: string }> = {};
    for (const [k, a] of Object.entries(attrs)) {
      shown[k] = { Type: a.DataType, Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : a.StringValue! };
    }
    return `,"MessageAttributes":${JSON.stringify(shown)}}`;
  }

  test('the text is JSON.stringify of the {Type, Value} attributes; asciiLength is its length when it is ASCII, -1 otherwise', () => {
    fc.assert(fc.property(attributes, attrs => {
      const tail = new EnvelopeTail(attrs);
      const expected = expectedTail(attrs);
      expect(tail.text()).toBe(expected);
      expect(tail.asciiLength).toBe(isAscii(expected) ? expected.length : -1);
    }), { numRuns: 300 });
  });

  test('changing the caller\'s attribute objects after publish does not change the tail', () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    const attrs: Record<string, any> = { b: { DataType: 'Binary', BinaryValue: bytes }, s: { DataType: 'String', StringValue: 'before' } };
    const tail = new EnvelopeTail(attrs);
    const expected = expectedTail(attrs);
    bytes[0] = 9;
    attrs.s.StringValue = 'after';
    attrs.extra = { DataType: 'String', StringValue: 'x' };
    expect(tail.text()).toBe(expected);
    expect(tail.asciiLength).toBe(expected.length);
  });

  describe('EnvelopeTailCache: publishes with the same attributes share one tail', () => {
    test('the same names, types and values in the same order give the same tail; any difference gives another', () => {
      const cache = new EnvelopeTailCache();
      const a = cache.tailFor({ kind: { DataType: 'String', StringValue: 'order' }, n: { DataType: 'Number', StringValue: '1' } });
      expect(cache.tailFor({ kind: { DataType: 'String', StringValue: 'order' }, n: { DataType: 'Number', StringValue: '1' } })).toBe(a);
      const others: Record<string, MessageAttributeValue>[] = [
        { kind: { DataType: 'String', StringValue: 'refund' }, n: { DataType: 'Number', StringValue: '1' } }, // value
        { kind: { DataType: 'String', StringValue: 'order' }, n: { DataType: 'String', StringValue: '1' } }, // type
        { n: { DataType: 'Number', StringValue: '1' }, kind: { DataType: 'String', StringValue: 'order' } }, // order
        { kind: { DataType: 'String', StringValue: 'order' } }, // fewer
        { kind: { DataType: 'String', StringValue: 'order' }, n: { DataType: 'Number', StringValue: '1' }, x: { DataType: 'String', StringValue: 'y' } },
        { kind: { DataType: 'String', StringValue: 'orde' }, rn: { DataType: 'Number', StringValue: '1' } }, // same characters, other split
      ];
      for (const attrs of others) {
        const tail = cache.tailFor(attrs);
        expect(tail).not.toBe(a);
        expect(tail.text()).toBe(expectedTail(attrs));
      }
    });

    test('Binary attributes are never shared (their bytes may change after publish)', () => {
      const cache = new EnvelopeTailCache();
      const attrs = { b: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2]) } };
      expect(cache.tailFor(attrs)).not.toBe(cache.tailFor(attrs));
    });

    test.each([1, 2, 256])('whatever the sequence of publishes (repeats, slot collisions, changed objects), each tail is the text of its own attributes (%i slots)', slots => {
      // Few names and values, so sequences repeat attribute sets; with one or two slots, most lookups meet another set.
      const small = fc.dictionary(
        fc.constantFrom('a', 'b', 'kind', '1'),
        fc.record({ DataType: fc.constantFrom('String', 'Number', 'String.x'), StringValue: fc.constantFrom('1', 'x', 'order', '"q"', 'é') }),
        { minKeys: 1, maxKeys: 3 },
      );
      fc.assert(fc.property(fc.array(small, { minLength: 1, maxLength: 600 }), sequence => {
        const cache = new EnvelopeTailCache(slots);
        const tails = sequence.map(attrs => {
          const tail = cache.tailFor(attrs);
          const expected = expectedTail(attrs);
          for (const a of Object.values(attrs)) (a as { StringValue: string }).StringValue += '!'; // the caller reuses its objects
          return { tail, expected };
        });
        for (const { tail, expected } of tails) {
          expect(tail.text()).toBe(expected);
          expect(tail.asciiLength).toBe(isAscii(expected) ? expected.length : -1);
        }
      }), { numRuns: 200 });
    });
  });
});
