import { DeferredText, MessageAttributeValue } from '../runtime';
import { jsonAsciiLength } from './envelope-head';
import { countAttributes } from './message-attributes';

// The tail's fixed fragments. `asciiLength` adds up the same fragments; a property test holds it to the text.
const OPEN = ',"MessageAttributes":{';
const TYPE = ':{"Type":';
const VALUE = ',"Value":';
const ENTRY_END = '}';
const SEPARATOR = ',';
/** Closes the attributes object and the envelope. */
const CLOSE = '}}';

/**
 * The envelope after the UnsubscribeURL value when the message has attributes:
 * `,"MessageAttributes":{"name":{"Type":...,"Value":...},...}}`, the same text as JSON.stringify of the attributes in
 * their `{Type, Value}` form (sns-message-and-json-formats), written on first read. Names, types and values are
 * copied at publish (Binary values as base64), so a caller that changes its attribute objects afterwards does not
 * change what was published, and the size is known from them at once.
 */
export class EnvelopeTail implements DeferredText {
  public readonly asciiLength: number;
  /**
   * name, type, value, name, type, value, ...: in the attributes' key order, which is the order JSON.stringify writes.
   * Sized up front: queues keep it, and an array grown by push keeps spare capacity (17 slots for 3 elements).
   */
  private readonly fields: string[];
  private written: string | undefined;

  constructor(attributes: Readonly<Record<string, MessageAttributeValue>>) {
    const fields: string[] = new Array(countAttributes(attributes) * 3);
    let n = OPEN.length + CLOSE.length;
    let ascii = true;
    let i = 0;
    for (const name in attributes) {
      const a = attributes[name];
      const value = envelopeValue(a);
      if (i > 0) n += SEPARATOR.length;
      fields[i++] = name;
      fields[i++] = a.DataType;
      fields[i++] = value;
      const quotedName = jsonAsciiLength(name);
      const quotedType = jsonAsciiLength(a.DataType);
      const quotedValue = jsonAsciiLength(value);
      ascii &&= quotedName >= 0 && quotedType >= 0 && quotedValue >= 0;
      n += quotedName + TYPE.length + quotedType + VALUE.length + quotedValue + ENTRY_END.length;
    }
    this.fields = fields;
    this.asciiLength = ascii ? n : -1;
  }

  /** Whether `attributes` would give this tail: the same names, data types and values, in the same order. */
  public sameAs(attributes: Readonly<Record<string, MessageAttributeValue>>): boolean {
    const f = this.fields;
    let i = 0;
    for (const name in attributes) {
      if (i === f.length) return false;
      const a = attributes[name];
      if (f[i] !== name || f[i + 1] !== a.DataType || a.BinaryValue !== undefined || f[i + 2] !== (a.StringValue ?? '')) return false;
      i += 3;
    }
    return i === f.length;
  }

  public text(): string {
    if (this.written === undefined) this.written = this.write();
    return this.written;
  }

  private write(): string {
    const f = this.fields;
    const q = JSON.stringify;
    const out: string[] = [OPEN];
    for (let i = 0; i < f.length; i += 3) {
      if (i > 0) out.push(SEPARATOR);
      out.push(q(f[i]), TYPE, q(f[i + 1]), VALUE, q(f[i + 2]), ENTRY_END);
    }
    out.push(CLOSE);
    return out.join('');
  }
}

/** An attribute's value as the envelope and the Lambda event show it: Binary values in base64. */
export function envelopeValue(a: MessageAttributeValue): string {
  return a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue).toString('base64') : a.StringValue ?? '';
}

/** Tails a cache keeps by default (a power of two): direct-mapped by a hash of the attributes. */
const CACHED_TAILS = 256;
/** Attributes longer than this (names, types and values together) get a tail of their own: hashing them costs more. */
const MAX_CACHED_CHARS = 512;

/**
 * The recent envelope tails of one topic, by content. Publishes that carry the same attributes share one tail, so a
 * queued envelope keeps one more reference instead of its own copy, and its text is written once. That is the usual
 * case: filter policies route on a few attributes with few values (an event type, a status). A tail is reused only
 * when names, data types and values are all equal, in the same order (the envelope's text); Binary attributes and
 * long ones are not cached.
 */
export class EnvelopeTailCache {
  private readonly tails: (EnvelopeTail | undefined)[];
  private readonly mask: number;

  /** @param slots how many tails it keeps, a power of two (tests use few, to make every lookup a collision) */
  constructor(slots = CACHED_TAILS) {
    if (slots < 1 || (slots & (slots - 1)) !== 0) throw new Error(`EnvelopeTailCache: slots must be a power of two, got ${slots}`); // eslint-disable-line no-bitwise
    this.tails = new Array(slots);
    this.mask = slots - 1;
  }

  /** A tail for these attributes: a cached one when it is the same, else a new one (then cached). */
  public tailFor(attributes: Readonly<Record<string, MessageAttributeValue>>): EnvelopeTail {
    const hash = attributesHash(attributes);
    if (hash < 0) return new EnvelopeTail(attributes);
    const slot = hash & this.mask; // eslint-disable-line no-bitwise
    const cached = this.tails[slot];
    if (cached !== undefined && cached.sameAs(attributes)) return cached;
    const tail = new EnvelopeTail(attributes);
    this.tails[slot] = tail;
    return tail;
  }
}

/* eslint-disable no-bitwise */
/** A 31-bit FNV-1a hash of every name, data type and value in order, or -1 (Binary, or too long to be worth it). */
function attributesHash(attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  let h = 0x811c9dc5;
  let chars = 0;
  for (const name in attributes) {
    const a = attributes[name];
    if (a.BinaryValue !== undefined) return -1;
    const type = a.DataType;
    const value = a.StringValue ?? '';
    chars += name.length + type.length + value.length;
    if (chars > MAX_CACHED_CHARS) return -1;
    h = mix(mix(mix(h, name), type), value);
  }
  return h & 0x7fffffff;
}

function mix(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // A separator, so that ("ab", "c") and ("a", "bc") differ.
  return Math.imul(h ^ 0xff, 0x01000193);
}
/* eslint-enable no-bitwise */
