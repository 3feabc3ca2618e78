import * as fc from 'fast-check';
import { DeadlineRing } from '../../../src/sim/sqs/deadline-ring';
import { Deque } from '../../../src/sim/sqs/deque';
import { MinHeap } from '../../../src/sim/sqs/min-heap';
import { SlotDeque } from '../../../src/sim/sqs/slot-deque';

describe('queue data structures behave like their reference models', () => {
  test('Deque: push, unshift, shift, insertAt, retain, clear match an array', () => {
    type Op = { op: 'push' | 'unshift' | 'shift' | 'insert' | 'retain' | 'clear'; v: number; i: number };
    fc.assert(fc.property(fc.array(fc.record({
      op: fc.constantFrom<Op['op']>('push', 'push', 'push', 'unshift', 'shift', 'shift', 'insert', 'retain', 'clear'),
      v: fc.integer({ min: 0, max: 99 }),
      i: fc.nat(40),
    }), { maxLength: 3000 }), ops => {
      const d = new Deque<number>();
      const ref: number[] = [];
      for (const { op, v, i } of ops) {
        if (op === 'push') { d.push(v); ref.push(v); }
        if (op === 'unshift') { d.unshift(v); ref.unshift(v); }
        if (op === 'shift') expect(d.shift()).toBe(ref.shift());
        if (op === 'insert') { d.insertAt(i, v); ref.splice(Math.min(i, ref.length), 0, v); }
        if (op === 'retain') { d.retain(x => x % 3 !== 0); ref.splice(0, ref.length, ...ref.filter(x => x % 3 !== 0)); }
        if (op === 'clear') { d.clear(); ref.length = 0; }
        expect(d.length).toBe(ref.length);
        expect(d.peek()).toBe(ref[0]);
      }
      expect([...d]).toEqual(ref);
      expect(ref.map((_, k) => d.get(k))).toEqual(ref);
    }));
  });

  test('SlotDeque: push, shift, retain, clear match an array through growth and compaction', () => {
    type Op = { op: 'push' | 'shift' | 'retain' | 'clear'; v: number };
    fc.assert(fc.property(fc.array(fc.record({
      op: fc.constantFrom<Op['op']>('push', 'push', 'push', 'shift', 'shift', 'retain', 'clear'),
      v: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    }), { maxLength: 3000 }), fc.integer({ min: 1, max: 8 }), (ops, capacity) => {
      const d = new SlotDeque(capacity);
      const ref: number[] = [];
      for (const { op, v } of ops) {
        if (op === 'push') { d.push(v); ref.push(v); }
        if (op === 'shift') expect(d.shift()).toBe(ref.shift());
        if (op === 'retain') { d.retain(x => x % 3 !== 0); ref.splice(0, ref.length, ...ref.filter(x => x % 3 !== 0)); }
        if (op === 'clear') { d.clear(); ref.length = 0; }
        expect(d.length).toBe(ref.length);
        expect(d.peek()).toBe(ref[0]);
      }
      expect([...d]).toEqual(ref);
    }));
  });

  test('MinHeap pops in order, and retain keeps the heap order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 500 }), fc.integer({ min: 2, max: 5 }), (values, mod) => {
      const h = new MinHeap<number>((a, b) => a < b);
      for (const v of values) h.push(v);
      h.retain(v => v % mod !== 0);
      const out: number[] = [];
      while (h.length > 0) out.push(h.pop() as number);
      expect(out).toEqual(values.filter(v => v % mod !== 0).sort((a, b) => a - b));
      expect(h.pop()).toBeUndefined();
    }));
  });

  test('DeadlineRing keeps items with their deadlines in order through growth and retain', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 400 }), fc.nat(400), (steps, shifts) => {
      const r = new DeadlineRing<string>();
      const ref: [string, number][] = [];
      let t = 0;
      steps.forEach((dt, k) => {
        t += dt;
        r.push(`i${k}`, t);
        ref.push([`i${k}`, t]);
        expect(r.lastTime()).toBe(t);
      });
      for (let k = 0; k < shifts && ref.length > 0; k++) {
        expect([r.peekItem(), r.peekTime()]).toEqual(ref[0]);
        r.shift();
        ref.shift();
      }
      r.retain((item, at) => (Number(item.slice(1)) + at) % 2 === 0);
      const kept = ref.filter(([item, at]) => (Number(item.slice(1)) + at) % 2 === 0);
      const out: [string, number][] = [];
      while (r.length > 0) {
        out.push([r.peekItem() as string, r.peekTime()]);
        r.shift();
      }
      expect(out).toEqual(kept);
      expect(r.peekTime()).toBe(Infinity);
      expect(r.lastTime()).toBe(-Infinity);
    }));
  });
});
