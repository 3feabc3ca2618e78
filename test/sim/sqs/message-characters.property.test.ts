/**
 * SQS allows #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF in a message (SQS API reference,
 * SendMessage MessageBody). Checked here against that list read code point by code point, for bodies built from
 * allowed and refused characters, control characters, U+FFFE/U+FFFF, and whole or broken surrogate pairs.
 */
import * as fc from 'fast-check';
import { sqsWith } from './helpers';
import { AwsError } from '../../../src/sim/kernel';
import { validateMessage } from '../../../src/sim/sqs/message-validation';

function allowed(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const code = body.codePointAt(i) as number;
    if (code > 0xffff) {
      i++; // a whole surrogate pair: one character above U+FFFF
      continue;
    }
    const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd);
    if (!ok) return false;
  }
  return true;
}

const unit = fc.constantFrom('a', ' ', '\t', '\n', '\r', '\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u00e9', '\ud7ff',
  '\ud83d', '\ude00', '\ud83d\ude00', '\ue000', '\ufffd', '\ufffe', '\uffff', '\u{10ffff}');

describe('MessageBody characters (InvalidMessageContents)', () => {
  test('a body is refused exactly when it holds a character outside the allowed list', () => {
    const { sqs } = sqsWith({ Q: {} });
    const config = sqs.queue('Q').config;
    fc.assert(fc.property(fc.string({ unit, minLength: 1, maxLength: 8 }), body => {
      let refused: string | undefined;
      try {
        validateMessage({ MessageBody: body }, config, false);
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        refused = e.name;
      }
      expect(refused).toBe(allowed(body) ? undefined : 'InvalidMessageContents');
    }), { numRuns: 2000 });
  });
});
