import { uuidOfWords } from '../../../src/sim/kernel';
import { MessageIdLog } from '../../../src/sim/sqs/message-id-log';

const id = (n: number) => ({ id0: n, id1: -n, id2: n * 7, id3: n * 31 - 5 });
const text = (n: number) => { const w = id(n); return uuidOfWords(w.id0, w.id1, w.id2, w.id3); };

describe('MessageIdLog (trace message ids kept as words)', () => {
  test('a list returns its ids as text, in the order they were added', () => {
    const log = new MessageIdLog();
    let entry = -1;
    for (let n = 1; n <= 10; n++) entry = log.add(entry, id(n));
    expect(log.ids(entry)).toEqual(Array.from({ length: 10 }, (_, i) => text(i + 1)));
  });

  test('two lists growing at the same time keep their own ids and order', () => {
    const log = new MessageIdLog();
    let sent = -1;
    let deleted = -1;
    for (let n = 1; n <= 6; n++) {
      sent = log.add(sent, id(n));
      deleted = log.add(deleted, id(100 + n));
    }
    expect(log.ids(sent)).toEqual([1, 2, 3, 4, 5, 6].map(text));
    expect(log.ids(deleted)).toEqual([101, 102, 103, 104, 105, 106].map(text));
  });

  test('lists stay intact across chunk boundaries (hundreds of thousands of ids)', () => {
    const log = new MessageIdLog();
    const entries: number[] = [];
    for (let n = 0; n < 100_000; n++) entries.push(log.add(-1, id(n)));
    let long = -1;
    for (let n = 0; n < 5_000; n++) long = log.add(long, id(n));
    expect(log.ids(entries[0])).toEqual([text(0)]);
    expect(log.ids(entries[54_321])).toEqual([text(54_321)]);
    expect(log.ids(entries[99_999])).toEqual([text(99_999)]);
    expect(log.ids(long)).toEqual(Array.from({ length: 5_000 }, (_, n) => text(n)));
  });
});
