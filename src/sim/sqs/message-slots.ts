/* eslint-disable no-bitwise */
/**
 * Every message a queue holds has a slot, numbered in arrival order. A slot is either WAITING, a message nobody has
 * received yet stored by column rather than as an object of its own, or HELD, a `StoredMessage` object (received at
 * least once, delayed, FIFO, moved in from another queue), or DROPPED once the message is gone.
 *
 * Why columns: a queue that fills up (a fan-out nobody drains yet, a backlog) keeps every message alive, and V8's
 * young-generation collector copies each surviving object once or twice before it settles. Measured on the benchmark
 * machine, each retained object cost about a microsecond, more than the rest of a send. A waiting message costs no
 * object: its numbers live in typed arrays (outside the collected heap) and its body pieces, sender and rare extras
 * are references in per-chunk arrays. The queue turns a slot into a `StoredMessage` when the message is first
 * received (or moved), and keeps the object in the slot.
 *
 * The queue's arrival and ready deques hold slot numbers, and receipt handles carry them, so a receipt finds its
 * message in O(1). Chunks whose slots are all dropped are released, so a long simulation does not grow without bound.
 */
import { MessageExtra } from './message-extra';
import { IdWords } from './message-id-log';

/**
 * A slot number is (chunk index << CHUNK_BITS) | offset. Chunks grow from 64 slots (a quiet queue stays small) to
 * 16,384, where each reference column is big enough for V8 to place it in large-object space, which its
 * young-generation collector never copies.
 */
const CHUNK_BITS = 14;
const MAX_CHUNK = 1 << CHUNK_BITS;
const MASK = MAX_CHUNK - 1;
const FIRST_CHUNK = 64;

export const WAITING = 0;
export const HELD = 1;
export const DROPPED = 2;
export type SlotState = typeof WAITING | typeof HELD | typeof DROPPED;

/** An MD5 digest as four 32-bit words (hex order). */
export interface Md5Words {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

class Chunk<T> {
  public readonly serial: Float64Array;
  public readonly arrivedAt: Float64Array;
  public readonly expiresAt: Float64Array;
  /** 4 words per slot. */
  public readonly id: Int32Array;
  /** 4 words per slot, meaningful when `md5Known` is 1. */
  public readonly md5: Int32Array;
  public readonly md5Known: Uint8Array;
  public readonly state: Uint8Array;
  // Reference columns are allocated at full size (written by index): growing them by push would copy them repeatedly.
  public readonly bodyHead: (string | undefined)[];
  public readonly bodyMiddle: (string | undefined)[];
  public readonly bodyTail: (string | undefined)[];
  public readonly senderId: (string | undefined)[];
  public readonly extra: (MessageExtra | undefined)[];
  public readonly held: (T | undefined)[];
  /** Slots not dropped yet. */
  public alive = 0;
  /** Slots handed out so far. */
  public filled = 0;

  constructor(public readonly capacity: number) {
    this.serial = new Float64Array(capacity);
    this.arrivedAt = new Float64Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.id = new Int32Array(capacity * 4);
    this.md5 = new Int32Array(capacity * 4);
    this.md5Known = new Uint8Array(capacity);
    this.state = new Uint8Array(capacity);
    this.bodyHead = new Array(capacity);
    this.bodyMiddle = new Array(capacity);
    this.bodyTail = new Array(capacity);
    this.senderId = new Array(capacity);
    this.extra = new Array(capacity);
    this.held = new Array(capacity);
  }
}

/** A waiting slot's content, read back to build its StoredMessage. */
export interface WaitingMessage {
  serial: number;
  id0: number;
  id1: number;
  id2: number;
  id3: number;
  bodyHead: string;
  bodyMiddle: string | undefined;
  bodyTail: string | undefined;
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

export class MessageSlots<T> {
  private readonly chunks: (Chunk<T> | undefined)[] = [];
  /** The chunk being filled (the last one), or undefined before the first slot. */
  private current: Chunk<T> | undefined;
  private liveChunks = 0;

  /** A new WAITING slot. `md5` is the body digest, or undefined when it is computed on first use. */
  public addWaiting(
    serial: number,
    id: IdWords,
    bodyHead: string,
    bodyMiddle: string | undefined,
    bodyTail: string | undefined,
    md5: Md5Words | undefined,
    senderId: string,
    arrivedAt: number,
    expiresAt: number,
    extra: MessageExtra | undefined,
  ): number {
    const slot = this.newSlot();
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk<T>;
    const o = slot & MASK;
    chunk.state[o] = WAITING;
    chunk.serial[o] = serial;
    chunk.arrivedAt[o] = arrivedAt;
    chunk.expiresAt[o] = expiresAt;
    const w = o * 4;
    chunk.id[w] = id.id0;
    chunk.id[w + 1] = id.id1;
    chunk.id[w + 2] = id.id2;
    chunk.id[w + 3] = id.id3;
    if (md5 !== undefined) {
      chunk.md5[w] = md5.a;
      chunk.md5[w + 1] = md5.b;
      chunk.md5[w + 2] = md5.c;
      chunk.md5[w + 3] = md5.d;
      chunk.md5Known[o] = 1;
    }
    chunk.bodyHead[o] = bodyHead;
    chunk.bodyMiddle[o] = bodyMiddle;
    chunk.bodyTail[o] = bodyTail;
    chunk.senderId[o] = senderId;
    chunk.extra[o] = extra;
    return slot;
  }

  /** A new HELD slot for an object. */
  public addHeld(item: T): number {
    const slot = this.newSlot();
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk<T>;
    chunk.state[slot & MASK] = HELD;
    chunk.held[slot & MASK] = item;
    return slot;
  }

  private newSlot(): number {
    let chunk = this.current;
    if (chunk === undefined || chunk.filled === chunk.capacity) {
      chunk = new Chunk<T>(chunk === undefined ? FIRST_CHUNK : Math.min(chunk.capacity * 2, MAX_CHUNK));
      this.chunks.push(chunk);
      this.current = chunk;
      this.liveChunks++;
    }
    const slot = ((this.chunks.length - 1) << CHUNK_BITS) | chunk.filled;
    chunk.alive++;
    chunk.filled++;
    return slot;
  }

  /** A slot's state; slots of released chunks read as DROPPED. */
  public state(slot: number): SlotState {
    const chunk = this.chunks[slot >>> CHUNK_BITS];
    return chunk === undefined ? DROPPED : chunk.state[slot & MASK] as SlotState;
  }

  /** The object of a HELD slot. */
  public held(slot: number): T {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk<T>).held[slot & MASK] as T;
  }

  /** The object of a HELD slot, or undefined for any other slot (also one that is out of range). */
  public heldOrUndefined(slot: number): T | undefined {
    const chunk = this.chunks[slot >>> CHUNK_BITS];
    return chunk !== undefined && chunk.state[slot & MASK] === HELD ? chunk.held[slot & MASK] : undefined;
  }

  /** Arrival time of a WAITING slot. */
  public arrivedAt(slot: number): number {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk<T>).arrivedAt[slot & MASK];
  }

  /** Retention deadline of a WAITING slot. */
  public expiresAt(slot: number): number {
    return (this.chunks[slot >>> CHUNK_BITS] as Chunk<T>).expiresAt[slot & MASK];
  }

  /** The message id words of a WAITING slot, into `out`. */
  public idOf<O extends { id0: number; id1: number; id2: number; id3: number }>(slot: number, out: O): O {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk<T>;
    const w = (slot & MASK) * 4;
    out.id0 = chunk.id[w];
    out.id1 = chunk.id[w + 1];
    out.id2 = chunk.id[w + 2];
    out.id3 = chunk.id[w + 3];
    return out;
  }

  /** Reads a WAITING slot into `out`; the caller builds the object and passes it to `hold`. */
  public read(slot: number, out: WaitingMessage): WaitingMessage {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk<T>;
    const o = slot & MASK;
    const w = o * 4;
    out.serial = chunk.serial[o];
    out.id0 = chunk.id[w];
    out.id1 = chunk.id[w + 1];
    out.id2 = chunk.id[w + 2];
    out.id3 = chunk.id[w + 3];
    out.md5Known = chunk.md5Known[o] === 1;
    out.md5a = chunk.md5[w];
    out.md5b = chunk.md5[w + 1];
    out.md5c = chunk.md5[w + 2];
    out.md5d = chunk.md5[w + 3];
    out.bodyHead = chunk.bodyHead[o] as string;
    out.bodyMiddle = chunk.bodyMiddle[o];
    out.bodyTail = chunk.bodyTail[o];
    out.senderId = chunk.senderId[o] as string;
    out.arrivedAt = chunk.arrivedAt[o];
    out.expiresAt = chunk.expiresAt[o];
    out.extra = chunk.extra[o];
    return out;
  }

  /** Turns a WAITING slot into a HELD one (its column references are let go). */
  public hold(slot: number, item: T): void {
    const chunk = this.chunks[slot >>> CHUNK_BITS] as Chunk<T>;
    const o = slot & MASK;
    chunk.state[o] = HELD;
    chunk.held[o] = item;
    this.clearReferences(chunk, o);
  }

  /** Marks a slot gone and releases its chunk once every slot of a full chunk is gone. */
  public drop(slot: number): void {
    const c = slot >>> CHUNK_BITS;
    const chunk = this.chunks[c];
    if (chunk === undefined) return;
    const o = slot & MASK;
    if (chunk.state[o] === DROPPED) return;
    chunk.state[o] = DROPPED;
    chunk.held[o] = undefined;
    this.clearReferences(chunk, o);
    chunk.alive--;
    if (chunk.alive === 0 && chunk.filled === chunk.capacity) {
      this.chunks[c] = undefined;
      this.liveChunks--;
    }
  }

  /** A gone or held message's body must not stay reachable from the columns. */
  private clearReferences(chunk: Chunk<T>, o: number): void {
    chunk.bodyHead[o] = undefined;
    chunk.bodyMiddle[o] = undefined;
    chunk.bodyTail[o] = undefined;
    chunk.senderId[o] = undefined;
    chunk.extra[o] = undefined;
  }

  /** Chunks currently held (released chunks are not counted). */
  public get chunkCount(): number {
    return this.liveChunks;
  }
}
