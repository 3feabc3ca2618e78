/**
 * XML documents of the query protocol's results and of S3's REST-XML answers, written with the AWS SDK's own XML
 * builder (`@aws-sdk/xml-builder`, which escapes text the way the SDK's parser expects: `\r`, `\n` and the other
 * characters an XML parser would normalize). Lists and maps follow the shape: flattened items repeat under the
 * member's name; the others nest `member` / `entry` items.
 */
import type { XmlNode as XmlNodeType } from '@aws-sdk/xml-builder';
import { Member, resolved, Shape, StructShape, wireName } from './shapes';
import { scalarToText } from './values';

type XmlBuilder = typeof import('@aws-sdk/xml-builder');

let builder: XmlBuilder | undefined;
function xml(): XmlBuilder {
  // Loaded on first use: only tests that speak the query or S3 protocols need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  builder ??= require('@aws-sdk/xml-builder') as XmlBuilder;
  return builder;
}

export type XmlNode = XmlNodeType;

export function element(name: string, text?: string): XmlNode {
  return xml().XmlNode.of(name, text);
}

/** `<?xml ...?>` followed by `root`. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${root.toString()}`;
}

/** Appends the members of `value` (an SDK structure) to `parent` as `shape` lays them out. */
export function appendStruct(parent: XmlNode, value: Record<string, unknown>, shape: StructShape | undefined): void {
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined || v === null || name === '$metadata') continue;
    const m: Member | undefined = shape?.members[name];
    if (m?.location !== undefined) continue;
    appendValue(parent, m ? wireName(name, m) : name, v, m?.shape);
  }
}

function appendValue(parent: XmlNode, name: string, value: unknown, shape: Shape | undefined): void {
  const s = shape === undefined ? undefined : resolved(shape);
  if (Array.isArray(value)) {
    const itemShape = s?.kind === 'list' ? s.member : undefined;
    if (s?.kind === 'list' && s.flattened) {
      for (const item of value) appendValue(parent, name, item, itemShape);
      return;
    }
    const container = element(name);
    const itemName = s?.kind === 'list' ? s.memberName ?? 'member' : 'member';
    for (const item of value) appendValue(container, itemName, item, itemShape);
    parent.addChildNode(container);
    return;
  }
  if (s?.kind === 'map' && value !== null && typeof value === 'object') {
    const keyName = s.keyName ?? 'key';
    const valueName = s.valueName ?? 'value';
    const container = s.flattened ? parent : element(name);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      const entry = element(s.flattened ? name : 'entry');
      entry.addChildNode(element(keyName, k));
      appendValue(entry, valueName, v, s.value);
      container.addChildNode(entry);
    }
    if (!s.flattened) parent.addChildNode(container);
    return;
  }
  if (value instanceof Date || value instanceof Uint8Array || typeof value !== 'object') {
    const scalar = s && s.kind !== 'list' && s.kind !== 'map' && s.kind !== 'structure' ? s
      : { kind: value instanceof Date ? 'timestamp' as const : value instanceof Uint8Array ? 'blob' as const : 'string' as const };
    parent.addChildNode(element(name, scalarToText(scalar, value)));
    return;
  }
  const child = element(name);
  appendStruct(child, value as Record<string, unknown>, s?.kind === 'structure' ? s : undefined);
  parent.addChildNode(child);
}
