import * as crypto from 'crypto';
import * as fc from 'fast-check';
import { md5Hex, md5OfMessageAttributes, sha256Hex } from '../../../src/sim/sqs/md5';

const s = (StringValue: string, DataType = 'String') => ({ DataType, StringValue });
const b = (text: string, DataType = 'Binary') => ({ DataType, BinaryValue: Buffer.from(text) });

describe('MD5 of message attributes (SQS developer guide: calculating the MD5 message digest for message attributes)', () => {
  // Vectors published with AWS SDK-compatible implementations and SQS emulators, computed by SQS itself.
  test.each([
    ['one String attribute', { attribName1: s('attribValue 1') }, '19e27d4e946b072f3f58da80d94fd778'],
    ['a Number attribute with a custom type label', { customNumberTypeAttrib: s('4563442423554324324264524243.32543234', 'Number.float') }, '9fe1b90bbd9965bdf77bac517c7d2495'],
    ['a Binary attribute (transport type 2, raw bytes)', { binaryAttribute: b('Hello binary world!') }, '31a92b15d92f8db860eda32aceb656c3'],
    ['three attributes of the three types', {
      attribName1: s('attribValue 1'),
      customNumberTypeAttrib: s('4563442423554324324264524243.32543234', 'Number.float'),
      binaryAttribute: b('Hello binary world!'),
    }, 'c932db14a896c663f83c260297d594ff'],
    ['a Number attribute', { timestamp: s('1493147359900', 'Number') }, '235c5c510d26fb653d073faed50ae77c'],
    ['Number and String attributes', { ordinal: s('1', 'Number'), category: s('test') }, 'd21ae90c49061e927f57df5f5d72be1f'],
    ['the guide sample with two string attributes given in reverse order (names are sorted)', {
      test_attribute_name_2: s('test_attribute_value_2'),
      test_attribute_name_1: s('test_attribute_value_1'),
    }, 'd53f3b558fe951154770f25cb63dbba9'],
    ['the guide sample with a binary attribute', { test_attribute_name: b('test_attribute_value') }, '23f6bd27ea87aab7dfeadcc9aebee495'],
    ['a Number attribute with a Java type label', { timestamp: s('1493147359900', 'Number.java.lang.Long') }, '2e2e4876d8e0bd6b8c2c8f556831c349'],
  ])('%s', (_name, attributes, expected) => {
    expect(md5OfMessageAttributes(attributes)).toBe(expected);
  });

  test('no attributes: no digest (SQS omits MD5OfMessageAttributes)', () => {
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });

  test('the encoding is name, type (4-byte big-endian length + UTF-8), transport byte, value: checked against a direct encoding', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }).map(v => s(v)),
        fc.uint8Array({ minLength: 1, maxLength: 20 }).map(v => ({ DataType: 'Binary.bin', BinaryValue: v })),
      ), { minKeys: 1, maxKeys: 10 }),
      attributes => {
        const parts: Buffer[] = [];
        const lp = (bytes: Buffer) => {
          const len = Buffer.alloc(4);
          len.writeUInt32BE(bytes.length);
          parts.push(len, bytes);
        };
        for (const name of Object.keys(attributes).sort()) {
          const a: any = attributes[name];
          lp(Buffer.from(name));
          lp(Buffer.from(a.DataType));
          if (a.BinaryValue) {
            parts.push(Buffer.from([2]));
            lp(Buffer.from(a.BinaryValue));
          } else {
            parts.push(Buffer.from([1]));
            lp(Buffer.from(a.StringValue));
          }
        }
        expect(md5OfMessageAttributes(attributes as any)).toBe(crypto.createHash('md5').update(Buffer.concat(parts)).digest('hex'));
      }));
  });
});

describe('MD5OfMessageBody and content-based deduplication ids', () => {
  test('MD5 of the UTF-8 body, as SQS computes MD5OfMessageBody ("derp" -> 58fd9edd83341c29f1aebba81c31e257)', () => {
    expect(md5Hex('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), body => {
      expect(md5Hex(body)).toBe(crypto.createHash('md5').update(body, 'utf8').digest('hex'));
    }));
  });

  test('content-based deduplication uses the SHA-256 of the body', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
