/* eslint-disable no-bitwise */
/**
 * The message ids a queue's trace events name, kept as words in number-array chunks rather than as strings: a trace
 * that keeps every `sent`, `received` and `deleted` event would otherwise keep a 36-character string (and an array)
 * alive per message, and V8's young-generation collector copies every such survivor. The text is written only when
 * the trace is read.
 *
 * A list of ids is an entry: [position of its last node], its first node right after it, and each node
 * [position of the next node or -1, the id's 4 words]. One id costs 24 bytes; a call's `sent` and `deleted` lists may
 * grow at the same time and each keeps its order. Chunks are Int32Arrays growing to 8,192 words (32 KiB): their
 * buffers lie outside the collected heap, so the young-generation collector never copies them, and at that size
 * they take a few microseconds to allocate (a 64 KiB one or more took far longer on the benchmark machine).
 */
import { uuidOfWords } from '../kernel';

const NODE = 5;
/** A position is (chunk index << CHUNK_BITS) | offset; chunks grow from 256 words (a quiet queue stays small). */
const CHUNK_BITS = 14;
const MAX_CHUNK = 8192;
const OFFSET = (1 << CHUNK_BITS) - 1;
const FIRST_CHUNK = 256;

export interface IdWords {
  readonly id0: number;
  readonly id1: number;
  readonly id2: number;
  readonly id3: number;
}

export class MessageIdLog {
  private readonly chunks: Int32Array[] = [];
  /** Words used in the last chunk. */
  private used = 0;

  /** Adds `id` to list `entry` (-1 starts a new list); returns the list's entry. */
  public add(entry: number, id: IdWords): number {
    let node: number;
    if (entry < 0) {
      entry = this.take(1 + NODE);
      node = entry + 1;
    } else {
      node = this.take(NODE);
      this.set(this.get(entry), node);
    }
    this.set(entry, node);
    const w = this.chunks[node >>> CHUNK_BITS];
    const at = node & OFFSET;
    w[at] = -1;
    w[at + 1] = id.id0;
    w[at + 2] = id.id1;
    w[at + 3] = id.id2;
    w[at + 4] = id.id3;
    return entry;
  }

  /** The ids of list `entry`, as text, in the order they were added. */
  public ids(entry: number): string[] {
    const out: string[] = [];
    for (let node = entry + 1; node >= 0;) {
      const w = this.chunks[node >>> CHUNK_BITS];
      const at = node & OFFSET;
      out.push(uuidOfWords(w[at + 1], w[at + 2], w[at + 3], w[at + 4]));
      node = w[at];
    }
    return out;
  }

  private get(position: number): number {
    return this.chunks[position >>> CHUNK_BITS][position & OFFSET];
  }

  private set(position: number, value: number): void {
    this.chunks[position >>> CHUNK_BITS][position & OFFSET] = value;
  }

  /** `size` consecutive words in one chunk (a new, bigger chunk when the last one is full). */
  private take(size: number): number {
    const last = this.chunks.length - 1;
    if (last < 0 || this.used + size > this.chunks[last].length) {
      this.chunks.push(new Int32Array(last < 0 ? FIRST_CHUNK : Math.min(this.chunks[last].length * 4, MAX_CHUNK)));
      this.used = 0;
    }
    const at = ((this.chunks.length - 1) << CHUNK_BITS) | this.used;
    this.used += size;
    return at;
  }
}
