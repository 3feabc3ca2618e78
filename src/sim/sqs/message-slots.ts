/* eslint-disable no-bitwise */
/**
 * Every message a queue holds has a slot, numbered in arrival order. A slot is either WAITING, a message nobody has
 * received yet stored by column rather than as an object of its own, or HELD, a `StoredMessage` object (received at
 * least once, delayed, FIFO, moved in from another queue), or DROPPED once the message is gone.
 *
 * Why columns: a queue that fills up (a fan-out nobody drains yet, a backlog) keeps every message alive, and V8's
 * young-generation collector copies each surviving object once or twice before it settles. Measured on the benchmark
 * machine, each retained object cost about a microsecond, more than the rest of a send. A waiting message costs no
 * object: its numbers live in per-chunk typed arrays (buffers outside the collected heap, never copied) and its body
 * and rare extras are three references in a per-chunk array. Senders are few per queue, so a slot keeps its sender as
 * a number in a table of the queue's senders. The queue turns a slot into a `StoredMessage` when the message is first
 * received (or moved), and keeps the object in the slot.
 *
 * The queue's arrival and ready deques hold slot numbers, and receipt handles carry them, so a receipt finds its
 * message in O(1). Chunks whose slots are all dropped are released, so a long simulation does not grow without bound.
 */
import { BodyPiece } from '../runtime';
import { Md5Words } from './md5';
import { MessageExtra } from './message-extra';
import { IdWords } from './message-id-log';
import { NumberTable } from './number-table';

/**
 * A slot number is (chunk index << CHUNK_BITS) | offset. Chunks grow (fourfold) from 16 slots (a quiet queue stays small; a
 * topic may feed hundreds of queues) to 1,024, where every column is still a regular-sized allocation (a 32 KiB
 * typed array takes a few microseconds): measured here, a large-object-space array costs milliseconds to allocate
 * (fresh pages), far more than the young generation's copying of a chunk's reference column.
 */
const CHUNK_BITS = 10;
const MAX_CHUNK = 1 << CHUNK_BITS;
const MASK = MAX_CHUNK - 1;
const FIRST_CHUNK = 16;
/** Each chunk is this many times the last (16, 64, 256, 1,024): every typed-array allocation has a fixed cost. */
const GROWTH = 4;

export const WAITING = 0;
export const HELD = 1;
export const DROPPED = 2;
export type SlotState = typeof WAITING | typeof HELD | typeof DROPPED;

/** Flag bits: the state in the low two bits, whether the body digest is known, whether the body is in three pieces. */
const STATE_BITS = 3;
const MD5_KNOWN = 4;
const PIECES = 8;

// Per-slot layout of the columns (each column is one array per chunk: fewer allocations for a small queue). The
// reference column holds [body, extra] or, for a body in pieces (which never has extras), [head, tail] with the
// middle piece as a number in the queue's table of middles; a HELD slot holds [object, -]. Each reference a
// surviving chunk holds is copied and scanned by the collector.
const NUMS = 3; // serial, arrivedAt, expiresAt
const WORDS = 10; // id0..id3, md5 a..d, sender number, middle piece number
const REFS = 2;
/**
 * Distinct middle pieces a queue keeps by number (SNS: one UnsubscribeURL per subscription feeding the queue). A
 * message whose middle would be one more is held as an object instead, so a sender that never repeats a middle
 * cannot grow the table without bound.
 */
const MAX_MIDDLES = 1024;

class Chunk {
  public readonly nums: Float64Array;
  public readonly words: Int32Array;
  public readonly flags: Uint8Array;
  /** Allocated at full size and written by index: growing it by push would copy it repeatedly. */
  public readonly refs: unknown[];
  /** Slots not dropped yet. */
  public alive = 0;
  /** Slots handed out so far. */
  public filled = 0;

  constructor(public readonly capacity: number) {
    // One buffer for the three numeric columns: one zeroed allocation instead of three.
    const numBytes = capacity * NUMS * 8;
    const wordBytes = capacity * WORDS * 4;
    const buffer = new ArrayBuffer(numBytes + wordBytes + capacity);
    this.nums = new Float64Array(buffer, 0, capacity * NUMS);
    this.words = new Int32Array(buffer, numBytes, capacity * WORDS);
    this.flags = new Uint8Array(buffer, numBytes + wordBytes, capacity);
    this.refs = new Array(capacity * REFS);
  }
}

/** A waiting slot's content, read back to build its StoredMessage. */
export interface WaitingMessage {
  serial: number;
  id0: number;
  id1: number;
  id2: number;
  id3: number;
  bodyHead: BodyPiece;
  bodyMiddle: BodyPiece | undefined;
  bodyTail: BodyPiece | undefined;
  md5Known: boolean;
  md5a: number;
  md5b: number;
  md5c: number;
  md5d: number;
  senderId: string;
  arrivedAt: number;
  expiresAt: number;
  extra: MessageExtra | undefined;
}

/** A blank WaitingMessage, to read slots into. */
export function emptyWaitingMessage(): WaitingMessage {
  return {
    serial: 0,
    id0: 0,
    id1: 0,
    id2: 0,
    id3: 0,
    bodyHead: '',
    bodyMiddle: undefined,
    bodyTail: undefined,
    md5Known: false,
    md5a: 0,
    md5b: 0,
    md5c: 0,
    md5d: 0,
    senderId: '',
    arrivedAt: 0,
    expiresAt: 0,
    extra: undefined,
  };
}

export class MessageSlots<T> {
  private readonly chunks: (Chunk | undefined)[] = [];
  /** The senders of this queue's waiting messages, by number. */
  private readonly senders = new NumberTable<string>();
  /** The middle pieces of this queue's waiting messages, by number (at most MAX_MIDDLES). */
  private readonly middles = new NumberTable<BodyPiece>();
  /** The chunk being filled (the last one), or undefined before the first slot. */
  private current: Chunk | undefined;
  private liveChunks = 0;

  /**
   * A new WAITING slot. `md5` is the body digest, or undefined when it is computed on first use. A body in pieces
   * comes without extras (the queue holds such a message as an object instead; see `canWait`).
   */
  public addWaiting(
    serial: number,
    id: IdWords,
    bodyHead: BodyPiece,
    bodyMiddle: BodyPiece | undefined,
    bodyTail: BodyPiece | undefined,
    md5: Md5Words | undefined,
    senderId: string,
    arrivedAt: number,
    expiresAt: number,
    extra: MessageExtra | undefined,
  ): number {
    if (!this.canWait(bodyMiddle, extra)) throw new Error('MessageSlots: this message is held as an object, not kept waiting (see canWait)');
    const slot = this.newSlot();
    const chunk = this.current as Chunk;
    const o = slot & MASK;
    const n = o * NUMS;
    chunk.nums[n] = serial;
    chunk.nums[n + 1] = arrivedAt;
    chunk.nums[n + 2] = expiresAt;
    const w = o * WORDS;
    chunk.words[w] = id.id0;
    chunk.words[w + 1] = id.id1;
    chunk.words[w + 2] = id.id2;
    chunk.words[w + 3] = id.id3;
    chunk.words[w + 8] = this.senders.numberOf(senderId);
    let flags = WAITING;
    if (md5 !== undefined) {
      chunk.words[w + 4] = md5.a;
      chunk.words[w + 5] = md5.b;
      chunk.words[w + 6] = md5.c;
      chunk.words[w + 7] = md5.d;
      flags |= MD5_KNOWN;
    }
    const r = o * REFS;
    chunk.refs[r] = bodyHead;
    if (bodyMiddle !== undefined) {
      flags |= PIECES;
      chunk.words[w + 9] = this.middles.numberOf(bodyMiddle);
      chunk.refs[r + 1] = bodyTail;
    } else {
      chunk.refs[r + 1] = extra;
    }
    chunk.flags[o] = flags;
    return slot;
  }

  /**
   * Whether a message can wait by column: not a body in pieces with extras (held as an object), nor one whose middle
   * piece would overflow the table of middles.
   */
  public canWait(bodyMiddle: BodyPiece | undefined, extra: MessageExtra | undefined): boolean {
    if (bodyMiddle === undefined) return true;
    return extra === undefined && (this.middles.size < MAX_MIDDLES || this.middles.has(bodyMiddle));
  }

  /** A new HELD slot for an object. */
  public addHeld(item: T): number {
    const slot = this.newSlot();
    const chunk = this.current as Chunk;
    const o = slot & MASK;
    chunk.flags[o] = HELD;
    chunk.refs[o * REFS] = item;
    return slot;
  }

  private newSlot(): number {
    let chunk = this.current;
    if (chunk === undefined || chunk.filled === chunk.capacity) {
      chunk = new Chunk(chunk === undefined ? FIRST_CHUNK : Math.min(chunk.capacity * GROWTH, MAX_CHUNK));
      this.chunks.push(chunk);
      this.current = chunk;
      this.liveChunks++;
    }
    const slot = ((this.chunks.length - 1) << CHUNK_BITS) | chunk.filled;
    chunk.alive++;
    chunk.filled++;
    return slot;
  }

  /** A slot's state; slots of released chunks (and numbers never handed out) read as DROPPED. */
  public state(slot: number): SlotState {
    const chunk = this.chunks[slot >>> CHUNK_BITS];
    const o = slot & MASK;
    return chunk === undefined || o >= chunk.filled ? DROPPED : (chunk.flags[o] & STATE_BITS) as SlotState;
  }

  /** The object of a HELD slot. */
  public held(slot: number): T {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk).refs[(slot & MASK) * REFS] as T;
  }

  /** The object of a HELD slot, or undefined for any other slot (also one that is out of range). */
  public heldOrUndefined(slot: number): T | undefined {
    return this.state(slot) === HELD ? this.held(slot) : undefined;
  }

  /** Arrival time of a WAITING slot. */
  public arrivedAt(slot: number): number {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk).nums[(slot & MASK) * NUMS + 1];
  }

  /** Retention deadline of a WAITING slot. */
  public expiresAt(slot: number): number {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk).nums[(slot & MASK) * NUMS + 2];
  }

  /** The message id words of a WAITING slot, into `out`. */
  public idOf<O extends { id0: number; id1: number; id2: number; id3: number }>(slot: number, out: O): O {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk;
    const w = (slot & MASK) * WORDS;
    out.id0 = chunk.words[w];
    out.id1 = chunk.words[w + 1];
    out.id2 = chunk.words[w + 2];
    out.id3 = chunk.words[w + 3];
    return out;
  }

  /** Reads a WAITING slot into `out`; the caller builds the object and passes it to `hold`. */
  public read(slot: number, out: WaitingMessage): WaitingMessage {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk;
    const o = slot & MASK;
    const n = o * NUMS;
    out.serial = chunk.nums[n];
    out.arrivedAt = chunk.nums[n + 1];
    out.expiresAt = chunk.nums[n + 2];
    const w = o * WORDS;
    out.id0 = chunk.words[w];
    out.id1 = chunk.words[w + 1];
    out.id2 = chunk.words[w + 2];
    out.id3 = chunk.words[w + 3];
    out.md5a = chunk.words[w + 4];
    out.md5b = chunk.words[w + 5];
    out.md5c = chunk.words[w + 6];
    out.md5d = chunk.words[w + 7];
    out.senderId = this.senders.at(chunk.words[w + 8]);
    const flags = chunk.flags[o];
    out.md5Known = (flags & MD5_KNOWN) !== 0;
    const r = o * REFS;
    out.bodyHead = chunk.refs[r] as BodyPiece;
    if ((flags & PIECES) !== 0) {
      out.bodyMiddle = this.middles.at(chunk.words[w + 9]);
      out.bodyTail = chunk.refs[r + 1] as BodyPiece;
      out.extra = undefined;
    } else {
      out.bodyMiddle = undefined;
      out.bodyTail = undefined;
      out.extra = chunk.refs[r + 1] as MessageExtra | undefined;
    }
    return out;
  }

  /** Turns a WAITING slot into a HELD one (its column references are let go). */
  public hold(slot: number, item: T): void {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk;
    const o = slot & MASK;
    chunk.flags[o] = HELD;
    clearReferences(chunk, o);
    chunk.refs[o * REFS] = item;
  }

  /** Marks a slot gone and releases its chunk once every slot of a full chunk is gone. */
  public drop(slot: number): void {
    const c = slot >>> CHUNK_BITS;
    const chunk = this.chunks[c];
    if (chunk === undefined) return;
    const o = slot & MASK;
    if (o >= chunk.filled || (chunk.flags[o] & STATE_BITS) === DROPPED) return;
    chunk.flags[o] = DROPPED;
    clearReferences(chunk, o);
    chunk.alive--;
    if (chunk.alive === 0 && chunk.filled === chunk.capacity) {
      this.chunks[c] = undefined;
      this.liveChunks--;
    }
  }

  /** Chunks currently held (released chunks are not counted). */
  public get chunkCount(): number {
    return this.liveChunks;
  }
}

/** A gone or held message's body must not stay reachable from the columns. */
function clearReferences(chunk: Chunk, o: number): void {
  const r = o * REFS;
  for (let k = 0; k < REFS; k++) chunk.refs[r + k] = undefined;
}
