/**
 * What an edge extractor works with: the template's resources, found by any identifier, and the graph under
 * construction. Nodes are created on first mention; an edge between two nodes in the same style is drawn once, with
 * every label it was given.
 */
import type { DiagramEdge, DiagramNode, EdgeStyle, NodeKind } from './model';
import { CONFIGURATION_TYPES, genericSubtitle, isInfrastructureType, NODE_KINDS } from './node-kinds';
import { ResourceIndex } from './resource-index';
import type { TemplateResource } from '../../runtime';

export class GraphBuilder {
  private readonly nodeMap = new Map<string, DiagramNode>();
  private readonly edgeMap = new Map<string, DiagramEdge>();
  private readonly ids = new Map<string, string>();
  private readonly usedIds = new Set<string>();
  /** Resources of drawn types that serve deployment or logging only, with what they are. */
  private readonly infrastructureRoles: ReadonlyMap<string, string>;

  constructor(public readonly index: ResourceIndex, public readonly showInfrastructure: boolean) {
    this.infrastructureRoles = infrastructureRoles(index);
  }

  public get nodes(): DiagramNode[] {
    return [...this.nodeMap.values()];
  }

  public get edges(): DiagramEdge[] {
    return [...this.edgeMap.values()];
  }

  /** The resource a value names (ARN, URL, name, Ref). */
  public find(value: unknown): TemplateResource | undefined {
    return this.index.find(value);
  }

  /** Whether a resource is drawn as a node with the current options. */
  public isShown(r: TemplateResource): boolean {
    if (CONFIGURATION_TYPES.has(r.type)) return false;
    return this.showInfrastructure || !this.isInfrastructure(r);
  }

  public isInfrastructure(r: TemplateResource): boolean {
    return isInfrastructureType(r.type) || this.infrastructureRoles.has(r.logicalId);
  }

  /** The node of a resource (created on first use); undefined when it is not drawn (configuration, hidden infrastructure). */
  public node(r: TemplateResource | undefined): string | undefined {
    if (!r || !this.isShown(r)) return undefined;
    const id = this.idOf(r.logicalId);
    if (!this.nodeMap.has(id)) {
      const info = NODE_KINDS[r.type];
      const infrastructure = this.isInfrastructure(r);
      this.nodeMap.set(id, {
        id,
        logicalId: r.logicalId,
        type: r.type,
        kind: infrastructure ? 'infrastructure' : info?.kind ?? 'resource',
        title: displayPath(r.path) ?? r.logicalId,
        subtitle: this.infrastructureRoles.get(r.logicalId) ?? info?.subtitle ?? genericSubtitle(r.type),
        infrastructure,
        path: displayPath(r.path),
      });
    }
    return id;
  }

  /**
   * A readable mermaid id: the logical id without the hash aws-cdk-lib appends (`OrdersQueueC538DD4C` ->
   * `n_OrdersQueue`), numbered when two would meet.
   */
  private idOf(logicalId: string): string {
    const known = this.ids.get(logicalId);
    if (known !== undefined) return known;
    const base = nodeId(logicalId.replace(/[0-9A-F]{8}$/, '') || logicalId);
    let id = base;
    for (let i = 2; this.usedIds.has(id); i++) id = `${base}_${i}`;
    this.ids.set(logicalId, id);
    this.usedIds.add(id);
    return id;
  }

  /** The node of whatever a value names. */
  public nodeOf(value: unknown): string | undefined {
    return this.node(this.find(value));
  }

  /** A node for something outside the template (a SaaS source, an account's event bus, HTTPS clients). */
  public external(key: string, title: string, subtitle: string, kind: NodeKind = 'external'): string {
    const id = `x_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
    if (!this.nodeMap.has(id)) this.nodeMap.set(id, { id, type: subtitle, kind, title, subtitle, infrastructure: false });
    return id;
  }

  /** Draws `kind` for a node (a queue that is a dead-letter queue). */
  public mark(id: string | undefined, kind: NodeKind): void {
    const n = id === undefined ? undefined : this.nodeMap.get(id);
    if (n && !n.infrastructure) n.kind = kind;
  }

  /** Says more precisely what a node is (a WebSocket API, a Fargate compute environment). */
  public retitle(id: string | undefined, subtitle: string): void {
    const n = id === undefined ? undefined : this.nodeMap.get(id);
    if (n) n.subtitle = subtitle;
  }

  /**
   * Draws an edge (once per pair and style; labels accumulate). A `uses` edge (a reference in configuration) gives
   * way to a flow or side edge between the same nodes, whose labels it joins.
   */
  public edge(from: string | undefined, to: string | undefined, style: EdgeStyle, label?: string): void {
    if (from === undefined || to === undefined || from === to) return;
    const key = (s: EdgeStyle) => `${from}\u0000${to}\u0000${s}`;
    if (style === 'uses' && (this.edgeMap.has(key('flow')) || this.edgeMap.has(key('side')))) return;
    let e = this.edgeMap.get(key(style));
    if (!e) {
      e = { from, to, style, labels: [] };
      this.edgeMap.set(key(style), e);
    }
    if (label && !e.labels.includes(label)) e.labels.push(label);
    const uses = style === 'uses' ? undefined : this.edgeMap.get(key('uses'));
    if (uses) {
      this.edgeMap.delete(key('uses'));
      for (const l of uses.labels) if (!e.labels.includes(l)) e.labels.push(l);
    }
  }

  /** Whether a flow or side edge already links the two nodes (either way); `uses` references do not count. */
  public linked(a: string, b: string): boolean {
    for (const e of this.edgeMap.values()) {
      if (e.style !== 'uses' && ((e.from === a && e.to === b) || (e.from === b && e.to === a))) return true;
    }
    return false;
  }
}

/** `n_` + the logical id's letters and digits: a mermaid id that is never a keyword (`end`, `graph`). */
export function nodeId(logicalId: string): string {
  return `n_${logicalId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** A construct path as the diagram names it: without the stack and the trailing `Resource`/`Default` constructs. */
export function displayPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const segments = path.split('/').filter(s => s.length > 0);
  segments.shift();
  while (segments.length > 1 && (segments[segments.length - 1] === 'Resource' || segments[segments.length - 1] === 'Default')) segments.pop();
  return segments.length > 0 ? segments.join('/') : undefined;
}

/**
 * Resources of drawn types that are infrastructure all the same: functions that serve custom resources run at
 * deployment only (the simulator does not run them either): the function a custom resource's ServiceToken names,
 * and aws-cdk-lib's provider singletons by their construct paths; buckets that receive other buckets' access logs.
 */
function infrastructureRoles(index: ResourceIndex): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const r of index.resources.values()) {
    if (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') {
      const provider = index.find(r.properties.ServiceToken);
      if (provider) out.set(provider.logicalId, 'custom-resource provider');
    }
    if (r.type === 'AWS::Lambda::Function' && r.path
      && /\/(Custom::[^/]*|BucketNotificationsHandler[^/]*|LogRetention[^/]*|AWS679f53fac002430cb0da5b7982bd2287|framework-on[A-Za-z]+)(\/|$)/.test(r.path)) {
      out.set(r.logicalId, 'custom-resource provider');
    }
    if (r.type === 'AWS::S3::Bucket') {
      const logs = index.find(r.properties.LoggingConfiguration?.DestinationBucketName);
      if (logs) out.set(logs.logicalId, 'access-log bucket');
    }
  }
  return out;
}
