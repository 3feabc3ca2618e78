import { Scalar } from './types';
import { MessageAttributeValue } from '../../runtime';

/** The leaf values found at one dotted path of a JSON body, with the array elements they came through. */
export interface BodyLeaves {
  readonly values: Scalar[];
  /** Per value: pairs (array id, element index) along its path, or undefined when it came through no array. */
  readonly trails: (readonly number[] | undefined)[];
}

/** A JSON message body flattened to dotted paths (`{"a": {"b": 1}}` and `{"a.b": 1}` both give `a.b`). */
export interface FlatBody {
  readonly leaves: ReadonlyMap<string, BodyLeaves>;
  /** True when some leaf came through an array of objects, so matches must use one element consistently. */
  readonly hasObjectArrays: boolean;
}

/**
 * One published message as filter policies see it. Attribute values are read from the published record when a policy
 * asks for them, and the body is parsed and flattened on first use (only for subscriptions with the MessageBody
 * scope); both are kept for the other subscriptions of the same publish.
 */
export class FilterMessage {
  /** Whether the message carries any attribute filter policies see (`"exists": false` matches only then). */
  public readonly hasAttributes: boolean;
  private readonly attributeValues = new Map<string, readonly Scalar[] | undefined>();
  private flat: FlatBody | null | undefined;

  /**
   * @param attributes the published MessageAttributes (SDK shape, validated)
   * @param rawBody the published Message
   * @param bodyPaths when given, only these dotted paths (and their prefixes) are flattened
   */
  constructor(
    private readonly attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
    private readonly rawBody: string,
    private readonly bodyPaths?: ReadonlySet<string>,
  ) {
    this.hasAttributes = hasFilterableAttribute(attributes);
  }

  /**
   * The values of attribute `name` as filter policies see them, or undefined when the message does not carry it: the
   * one value of a String or Number attribute, the elements of a String.Array or Number.Array (objects and nested
   * arrays left out; none when the array does not parse). A Number attribute that is not a finite number is present
   * with no values. Binary attributes are left out because SNS ignores them when filtering.
   */
  public attribute(name: string): readonly Scalar[] | undefined {
    if (!this.attributeValues.has(name)) this.attributeValues.set(name, readAttribute(this.attributes, name));
    return this.attributeValues.get(name);
  }

  /** The flattened body, or null when the body is not a JSON object (then no MessageBody-scope policy matches). */
  public get body(): FlatBody | null {
    if (this.flat === undefined) this.flat = flattenBody(this.rawBody, this.bodyPaths);
    return this.flat;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function readAttribute(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined, name: string): readonly Scalar[] | undefined {
  if (attributes === undefined || !hasOwn.call(attributes, name)) return undefined;
  const { DataType: type, StringValue: text } = attributes[name];
  if (type === 'String.Array' || type === 'Number.Array') return parseArray(text);
  if (type.startsWith('Number')) {
    const n = Number(text);
    return Number.isFinite(n) ? [n] : [];
  }
  if (type.startsWith('String')) return [text ?? ''];
  return undefined; // Binary (and any other type) is ignored by filter policies.
}

function hasFilterableAttribute(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): boolean {
  for (const name in attributes) {
    if (hasOwn.call(attributes, name) && !attributes[name].DataType.startsWith('Binary')) return true;
  }
  return false;
}

function parseArray(text: string | undefined): readonly Scalar[] {
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const values: Scalar[] = [];
  for (const v of parsed) if (v === null || typeof v !== 'object') values.push(v as Scalar);
  return values;
}

/** Flattens a JSON object body; returns null when the body is not a JSON object. */
export function flattenBody(text: string, paths?: ReadonlySet<string>): FlatBody | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const leaves = new Map<string, BodyLeaves>();
  let arrayIds = 0;
  let hasObjectArrays = false;

  const walk = (value: unknown, path: string, trail: readonly number[] | undefined): void => {
    if (Array.isArray(value)) {
      const id = ++arrayIds;
      for (let i = 0; i < value.length; i++) {
        const el = value[i];
        if (el !== null && typeof el === 'object') hasObjectArrays = true;
        walk(el, path, trail === undefined ? [id, i] : [...trail, id, i]);
      }
    } else if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const p = path === '' ? key : `${path}.${key}`;
        if (paths !== undefined && !paths.has(p)) continue;
        walk(obj[key], p, trail);
      }
    } else if (path !== '') {
      let l = leaves.get(path);
      if (l === undefined) {
        l = { values: [], trails: [] };
        leaves.set(path, l);
      }
      l.values.push(value as Scalar);
      l.trails.push(trail);
    }
  };
  walk(doc, '', undefined);
  return { leaves, hasObjectArrays };
}
