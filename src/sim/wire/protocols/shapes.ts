/**
 * A small shape language for the parts of the AWS service models the wire protocols need: which members are lists or
 * maps and how the query and XML protocols name their items, which are blobs (base64 on the wire, bytes in the SDK
 * shapes) or timestamps, and for the REST protocols where each member travels (a header, the query string, a path
 * label, the payload). The services' SDK-shaped inputs and outputs are the same whichever protocol carries them, so one
 * declaration per operation serves the JSON, query, REST-JSON and REST-XML codecs.
 *
 * Only what changes the bytes on the wire is declared: a member left out of a JSON operation's shape passes through
 * as JSON has it; a query or XML structure needs its members, since those protocols flatten names.
 */

export type ScalarKind = 'string' | 'integer' | 'float' | 'boolean' | 'blob' | 'timestamp';

/** How a timestamp is written: epoch seconds (JSON bodies), ISO 8601 (XML, query) or an HTTP date (headers). */
export type TimestampFormat = 'epoch-seconds' | 'date-time' | 'http-date';

export interface ScalarShape {
  readonly kind: ScalarKind;
  readonly format?: TimestampFormat;
}

export interface ListShape {
  readonly kind: 'list';
  readonly member: Shape;
  /** Item element name when not flattened (query `Name.member.1`, XML `<Name><member>`). @default 'member' */
  readonly memberName?: string;
  /** Items repeat under the member's own name (query `Name.1`, XML `<Name>..</Name><Name>..</Name>`). */
  readonly flattened?: boolean;
}

export interface MapShape {
  readonly kind: 'map';
  readonly value: Shape;
  /** @default 'key' */
  readonly keyName?: string;
  /** @default 'value' */
  readonly valueName?: string;
  /** Entries repeat under the member's own name instead of `entry` items. */
  readonly flattened?: boolean;
}

export interface StructShape {
  readonly kind: 'structure';
  readonly members: Readonly<Record<string, Member>>;
}

/** A shape that refers to itself (DynamoDB's AttributeValue). */
export interface LazyShape {
  readonly kind: 'lazy';
  readonly resolve: () => Shape;
}

export type Shape = ScalarShape | ListShape | MapShape | StructShape | LazyShape;

/** Where a REST member travels. */
export type HttpLocation = 'header' | 'query' | 'label' | 'payload' | 'prefix-headers' | 'status';

export interface Member {
  readonly shape: Shape;
  /**
   * The member's name in the query protocol and XML (`xmlName`), or the header / query parameter / label it binds to in
   * the REST protocols. @default the member name
   */
  readonly name?: string;
  /** The member's key in a JSON document (`jsonName`). @default the member name */
  readonly jsonName?: string;
  /** REST protocols: where the member travels. @default the body */
  readonly location?: HttpLocation;
}

// ---- builders ----------------------------------------------------------------------------------------------------

export const string: ScalarShape = { kind: 'string' };
export const integer: ScalarShape = { kind: 'integer' };
export const float: ScalarShape = { kind: 'float' };
export const boolean: ScalarShape = { kind: 'boolean' };
export const blob: ScalarShape = { kind: 'blob' };
export function timestamp(format?: TimestampFormat): ScalarShape {
  return { kind: 'timestamp', format };
}

export function list(item: Shape, options: { memberName?: string; flattened?: boolean } = {}): ListShape {
  return { kind: 'list', member: item, ...options };
}

export function map(value: Shape, options: { keyName?: string; valueName?: string; flattened?: boolean } = {}): MapShape {
  return { kind: 'map', value, ...options };
}

/** A structure; a member given as a bare shape has no wire name or location of its own. */
export function struct(members: Record<string, Shape | Member>): StructShape {
  const out: Record<string, Member> = {};
  for (const [name, m] of Object.entries(members)) out[name] = 'shape' in m ? m : { shape: m };
  return { kind: 'structure', members: out };
}

export function lazy(resolve: () => Shape): LazyShape {
  return { kind: 'lazy', resolve };
}

/** A member with a wire name and/or a REST location. */
export function member(shape: Shape, options: { name?: string; jsonName?: string; location?: HttpLocation }): Member {
  return { shape, ...options };
}

/** A lazy shape's target (a reference resolves to a non-lazy shape). */
export function resolved(shape: Shape): Exclude<Shape, LazyShape> {
  let s = shape;
  while (s.kind === 'lazy') s = s.resolve();
  return s;
}

/** The query / XML / REST-binding name of a member. */
export function wireName(name: string, m: Member): string {
  return m.name ?? name;
}

/** The JSON key of a member. */
export function jsonKey(name: string, m: Member): string {
  return m.jsonName ?? name;
}
