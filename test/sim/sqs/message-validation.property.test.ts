/**
 * Deliveries of a body in pieces and nothing else (SNS fan-out) take a short path (`preparePiecesOnly`). It must
 * accept, refuse and size exactly as the full SendMessage validation does for the same message: SQS's allowed
 * characters (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF) and MaximumMessageSize in UTF-8 bytes.
 */
import * as fc from 'fast-check';
import { AwsError } from '../../../src/sim/kernel';
import { BodyPiece } from '../../../src/sim/runtime';
import { prepareMessage, preparedMessageBuffer, preparePiecesOnly } from '../../../src/sim/sqs/message-validation';
import { parseQueueConfig } from '../../../src/sim/sqs/queue-config';
import { resource } from '../fixtures';

const config = parseQueueConfig(resource('AWS::SQS::Queue', 'Q', { MaximumMessageSize: 1024 }));

/** Pieces with plain, multi-byte, refused and split-surrogate characters, long enough to cross the size limit. */
const piece = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: fc.constantFrom('a', '\u00e9', '\u20ac', '\u{1F600}', '\uffff', '\u0001', '\uD83D', '\uDE00', '\n'), maxLength: 300 }),
);

type Outcome = { size: number } | { error: string };

function outcome(run: () => { size: number }): Outcome {
  try {
    return { size: run().size };
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    return { error: `${e.name}: ${e.message}` };
  }
}

describe('a body in pieces only: the short path validates as SendMessage does', () => {
  test('same acceptance, error and size as prepareMessage for random pieces', () => {
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 3 }), parts => {
      const body = parts.join('');
      const full = outcome(() => prepareMessage({ MessageBody: body }, config));
      const short = outcome(() => preparePiecesOnly(parts, config, preparedMessageBuffer())
        ?? prepareMessage({ MessageBody: body, bodyParts: parts }, config, false));
      expect(short).toEqual(full);
    }), { numRuns: 500 });
  });

  test('deferred pieces are sized from asciiLength without being written', () => {
    const head: BodyPiece = { asciiLength: 1020, text: () => { throw new Error('not to be written'); } };
    // 1,024 bytes is the limit itself (allowed); more is refused.
    expect(preparePiecesOnly([head, '"u"', '}'], config, preparedMessageBuffer())).toMatchObject({ size: 1024, body: undefined });
    expect(() => preparePiecesOnly([head, '"uu"', '}}'], config, preparedMessageBuffer()))
      .toThrow('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
  });
});
