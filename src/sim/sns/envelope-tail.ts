import { DeferredText, MessageAttributeValue } from '../runtime';
import { jsonAsciiLength } from './envelope-head';

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
    const names = Object.keys(attributes);
    this.fields = new Array(names.length * 3);
    let n = OPEN.length + CLOSE.length;
    let ascii = true;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const a = attributes[name];
      const value = envelopeValue(a);
      if (i > 0) n += SEPARATOR.length;
      this.fields[i * 3] = name;
      this.fields[i * 3 + 1] = a.DataType;
      this.fields[i * 3 + 2] = value;
      const quotedName = jsonAsciiLength(name);
      const quotedType = jsonAsciiLength(a.DataType);
      const quotedValue = jsonAsciiLength(value);
      ascii &&= quotedName >= 0 && quotedType >= 0 && quotedValue >= 0;
      n += quotedName + TYPE.length + quotedType + VALUE.length + quotedValue + ENTRY_END.length;
    }
    this.asciiLength = ascii ? n : -1;
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
