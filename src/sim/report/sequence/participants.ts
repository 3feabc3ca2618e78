/**
 * Who takes part in a run: the resources events happened on, seen as the diagram sees them (a subscription's events
 * are its topic's, an event source mapping's are between its queue and its function), the client that drove the
 * run (the test, the CLI), and services or principals outside the template.
 */
import type { SeqParticipant } from './model';
import { parseArn } from '../../kernel/arn';
import { displayPath } from '../diagram/builder';
import { ResourceIndex } from '../diagram/resource-index';

export const CLIENT = 'client';

export class SequenceContext {
  private readonly byId = new Map<string, SeqParticipant>();
  private readonly idOfLogical = new Map<string, string>();
  private readonly used = new Set<string>([CLIENT]);

  constructor(public readonly index: ResourceIndex) {}

  /** Participants in order of first appearance. */
  public get participants(): SeqParticipant[] {
    return [...this.byId.values()];
  }

  /** The client that drove the run (handle calls from a test, the CLI's scenario steps). */
  public client(): string {
    if (!this.byId.has(CLIENT)) this.byId.set(CLIENT, { id: CLIENT, label: 'client' });
    return CLIENT;
  }

  /** The participant of a resource, by logical id (an unknown id is a participant of its own). */
  public of(logicalId: string): string {
    let id = this.idOfLogical.get(logicalId);
    if (id === undefined) {
      const base = `p_${(logicalId.replace(/[0-9A-F]{8}$/, '') || logicalId).replace(/[^A-Za-z0-9]/g, '_')}`;
      id = base;
      for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
      this.used.add(id);
      this.idOfLogical.set(logicalId, id);
    }
    if (!this.byId.has(id)) {
      const r = this.index.resources.get(logicalId);
      this.byId.set(id, { id, logicalId, label: displayPath(r?.path) ?? logicalId });
    }
    return id;
  }

  /** The participant a value names (ARN, URL, name), or one for what it names outside the template. */
  public target(value: unknown): string {
    const r = this.index.find(value);
    if (r) return this.of(r.logicalId);
    return this.outside(String(value ?? 'unknown'));
  }

  /** A participant outside the template: a service principal, another account, an endpoint. */
  public outside(name: string): string {
    const arn = parseArn(name);
    const label = arn ? `${arn.service}:${arn.resourceName || arn.resource}` : name.replace(/^https?:\/\//, '');
    const id = `x_${label.replace(/[^A-Za-z0-9]/g, '_').slice(0, 40)}`;
    if (!this.byId.has(id)) this.byId.set(id, { id, label });
    return id;
  }

  /** A subscription's topic and endpoint. */
  public subscription(logicalId: string): { topic: string; endpoint: string } {
    const p = this.index.resources.get(logicalId)?.properties;
    if (!p) return { topic: this.of(logicalId), endpoint: this.outside('endpoint') };
    return { topic: this.target(p.TopicArn), endpoint: this.target(p.Endpoint) };
  }

  /** An event source mapping's source (queue, stream) and function. */
  public mapping(logicalId: string): { source: string; fn: string } {
    const p = this.index.resources.get(logicalId)?.properties;
    if (!p) return { source: this.of(logicalId), fn: this.of(logicalId) };
    return { source: this.target(p.EventSourceArn), fn: this.target(p.FunctionName) };
  }

  /** Who receives from a queue: the function of its event source mapping, or the client. */
  public consumerOf(queueLogicalId: string): string {
    const queue = this.index.resources.get(queueLogicalId);
    const mapping = queue && this.index.ofType('AWS::Lambda::EventSourceMapping').find(m => this.index.find(m.properties.EventSourceArn) === queue);
    return mapping ? this.target(mapping.properties.FunctionName) : this.client();
  }

  /** The queue an event source mapping of this function reads (the first one). */
  public mappedSourceOf(functionLogicalId: string): string | undefined {
    const fn = this.index.resources.get(functionLogicalId);
    const mapping = fn && this.index.ofType('AWS::Lambda::EventSourceMapping').find(m => this.index.find(m.properties.FunctionName) === fn);
    return mapping ? this.target(mapping.properties.EventSourceArn) : undefined;
  }

  /** The caller of a denied request: the resource its source ARN names, else its principal. */
  public caller(principal: string | undefined, sourceArn: string | undefined): string {
    if (sourceArn && this.index.find(sourceArn)) return this.target(sourceArn);
    if (!principal || /:root$/.test(principal)) return this.client();
    return this.index.find(principal) ? this.target(principal) : this.outside(principal);
  }
}
