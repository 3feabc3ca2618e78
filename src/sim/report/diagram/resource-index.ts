/**
 * Finding a template resource from a value found in another resource's properties: an ARN, a queue URL, a name,
 * a `Ref` value. Every identifier a resource has (its Ref and its Fn::GetAtt attributes) points back to it.
 */
import { parseArn } from '../../kernel/arn';
import type { TemplateResource } from '../../runtime';

export class ResourceIndex {
  private readonly byValue = new Map<string, string>();

  constructor(public readonly resources: ReadonlyMap<string, TemplateResource>) {
    for (const r of resources.values()) {
      this.add(r.ref, r.logicalId);
      for (const v of Object.values(r.attributes)) this.add(v, r.logicalId);
    }
  }

  /** The resource a value names, if any: exact identifiers first, then an ARN with a qualifier or a path removed. */
  public find(value: unknown): TemplateResource | undefined {
    if (typeof value !== 'string' || value.length === 0) return undefined;
    const id = this.byValue.get(value) ?? this.byValue.get(withoutQualifier(value));
    return id === undefined ? undefined : this.resources.get(id);
  }

  /** Every resource whose ARN a (possibly wildcarded) IAM resource pattern matches. */
  public matching(pattern: string): TemplateResource[] {
    if (!pattern.includes('*') && !pattern.includes('?')) {
      const r = this.find(pattern);
      return r ? [r] : [];
    }
    if (pattern === '*') return [];
    // An object pattern (`arn:aws:s3:::bucket/*`) acts on the bucket's objects: the diagram draws the bucket.
    const objects = /^(arn:[^:]+:s3:::[^/]+)\//.exec(pattern);
    if (objects && !objects[1].includes('*')) return this.matching(objects[1]);
    const re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('')}$`);
    const out: TemplateResource[] = [];
    for (const r of this.resources.values()) {
      const arn = r.attributes.Arn ?? (r.ref.startsWith('arn:') ? r.ref : undefined);
      if (arn && re.test(arn)) out.push(r);
    }
    return out;
  }

  /** The resources of one type, in template order. */
  public ofType(...types: string[]): TemplateResource[] {
    return [...this.resources.values()].filter(r => types.includes(r.type));
  }

  private add(value: unknown, logicalId: string): void {
    // Short values (a generated id, `true`) would name unrelated properties; identifiers are longer.
    if (typeof value !== 'string' || value.length < 3 || this.byValue.has(value)) return;
    this.byValue.set(value, logicalId);
  }
}

/**
 * `arn:...:function:name:alias` names the function; `arn:aws:s3:::bucket/*` the bucket; a stream ARN
 * (`table/name/stream/...`) its table only when the stream itself is not an attribute.
 */
function withoutQualifier(value: string): string {
  const arn = parseArn(value);
  if (!arn) return value;
  if (arn.service === 'lambda' && arn.resourceType === 'function') {
    const name = arn.resourceName.split(':')[0];
    return `arn:${arn.partition}:lambda:${arn.region}:${arn.account}:function:${name}`;
  }
  if (arn.service === 's3' && arn.resource.includes('/')) return `arn:${arn.partition}:s3:::${arn.resource.split('/')[0]}`;
  return value;
}
