/**
 * Finding the resource a handle call names. A reference is a logical id, a construct path (with or without the
 * stack prefix and the trailing `/Resource`), or a construct object: an L1 (`CfnQueue`), an L2 (its `defaultChild`)
 * or an L3 with exactly one resource of the wanted type beneath it. Construct objects are only names here: the
 * simulator's behaviour comes from the template.
 */
import { TemplateResource } from './runtime';

/** What a handle accessor accepts: a logical id, a construct path, or a construct object. */
export type ResourceRef = string | object;

/** The resource kind a handle accessor wants, for messages (`queue` -> `AWS::SQS::Queue`). */
export interface HandleKind {
  /** The accessor name (`queue`, `topic`, `lambda`, `stateMachine`, ...: one per entry of HANDLE_KINDS). */
  readonly accessor: string;
  readonly types: readonly string[];
  /** Public fields through which an L3 exposes its main resource of this kind (`rq.queue`, `fanout.topic`). */
  readonly fields?: readonly string[];
}

export const HANDLE_KINDS = {
  queue: { accessor: 'queue', types: ['AWS::SQS::Queue'], fields: ['queue'] },
  topic: { accessor: 'topic', types: ['AWS::SNS::Topic'], fields: ['topic'] },
  lambda: { accessor: 'lambda', types: ['AWS::Lambda::Function'], fields: ['function', 'handler', 'fn', 'lambda'] },
  bucket: { accessor: 'bucket', types: ['AWS::S3::Bucket'], fields: ['bucket'] },
  alarm: { accessor: 'alarm', types: ['AWS::CloudWatch::Alarm'], fields: ['alarm'] },
  deliveryStream: { accessor: 'deliveryStream', types: ['AWS::KinesisFirehose::DeliveryStream'], fields: ['deliveryStream'] },
  jobQueue: { accessor: 'jobQueue', types: ['AWS::Batch::JobQueue'], fields: ['jobQueue'] },
  jobDefinition: { accessor: 'jobDefinition', types: ['AWS::Batch::JobDefinition'], fields: ['jobDefinition'] },
  flow: { accessor: 'flow', types: ['AWS::AppFlow::Flow'], fields: ['flow'] },
  table: { accessor: 'table', types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], fields: ['table', 'outputTable'] },
  api: {
    accessor: 'api',
    types: ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api'],
    fields: ['restApi', 'httpApi', 'webSocketApi', 'api'],
  },
  stateMachine: { accessor: 'stateMachine', types: ['AWS::StepFunctions::StateMachine'], fields: ['stateMachine'] },
} as const satisfies Record<string, HandleKind>;

/** The minimal construct shape used to name resources (avoids depending on `constructs` types at runtime). */
interface ConstructLike {
  readonly node: {
    readonly path: string;
    readonly defaultChild?: unknown;
    findAll(): unknown[];
  };
}

/** A template resource that exists in the template but was not created (its Condition is false). */
export interface SkippedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly condition: string;
  readonly path?: string;
}

/** A path or local logical id two loaded stacks share: it names neither until qualified with the stack name. */
const AMBIGUOUS = '\u0000ambiguous';

/** Resolves references to logical ids. */
export class HandleIndex {
  private readonly byPath = new Map<string, string>();
  /** With several stacks loaded: a resource's logical id within its own template -> its qualified id (`Stack/Id`). */
  private readonly byLocalId = new Map<string, string>();

  /**
   * @param resources every created resource, by logical id
   * @param constructIds construct object (CfnResource) -> logical id, filled by `Simulator.fromStack`
   * @param skipped resources present in the template but not created (false Condition)
   */
  constructor(
    private readonly resources: ReadonlyMap<string, TemplateResource>,
    private readonly constructIds: ReadonlyMap<object, string> = new Map(),
    private readonly skipped: ReadonlyMap<string, SkippedResource> = new Map(),
  ) {
    const add = (map: Map<string, string>, key: string, logicalId: string) => {
      const seen = map.get(key);
      map.set(key, seen === undefined || seen === logicalId ? logicalId : AMBIGUOUS);
    };
    const addPath = (path: string | undefined, logicalId: string) => {
      if (!path) return;
      const [full, ...shorter] = pathVariants(path);
      this.byPath.set(full, logicalId);
      for (const variant of shorter) if (this.byPath.get(variant) !== logicalId) add(this.byPath, variant, logicalId);
    };
    for (const r of [...resources.values(), ...skipped.values()]) {
      addPath(r.path, r.logicalId);
      const slash = r.logicalId.indexOf('/');
      if (slash > 0) add(this.byLocalId, r.logicalId.slice(slash + 1), r.logicalId);
    }
  }

  /**
   * Every logical id `ref` names, whatever its type: one resource, or all resources beneath a construct (an L3) or a
   * construct path. Empty when it names nothing.
   */
  public logicalIdsOf(ref: ResourceRef): ReadonlySet<string> {
    if (typeof ref === 'string') {
      const id = this.resolveString(ref);
      if (id !== undefined) return new Set([id]);
      const prefix = `${normalisePath(ref)}/`;
      const below = new Set<string>();
      for (const r of this.resources.values()) {
        if (r.path && pathVariants(r.path).some(p => p.startsWith(prefix))) below.add(r.logicalId);
      }
      return below;
    }
    const direct = this.constructIds.get(ref);
    if (direct !== undefined) return new Set([direct]);
    if (!isConstructLike(ref)) return new Set();
    const out = new Set<string>();
    for (const c of ref.node.findAll()) {
      const id = c && typeof c === 'object' ? this.constructIds.get(c) ?? this.idOfConstructPath(c) : undefined;
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  /** The logical id `ref` names, checked to be of `kind`; throws an Error naming the closest candidates otherwise. */
  public resolve(ref: ResourceRef, kind: HandleKind): string {
    const logicalId = typeof ref === 'string' ? this.resolveString(ref) : this.resolveConstruct(ref, kind);
    const shown = describeRef(ref);
    if (logicalId === undefined) {
      const candidates = this.closest(typeof ref === 'string' ? ref : shown, kind);
      const list = candidates.length > 0 ? ` Closest ${kind.types.join('/')} resources: ${candidates.map(c => `'${c}'`).join(', ')}.` : ` The template has no ${kind.types.join('/')} resource.`;
      throw new Error(`sim.${kind.accessor}(${shown}): no such resource.${list}`);
    }
    const skipped = this.skipped.get(logicalId);
    if (skipped && !this.resources.has(logicalId)) {
      throw new Error(`sim.${kind.accessor}(${shown}): resource '${logicalId}' is not created because its Condition '${skipped.condition}' is false.`);
    }
    const resource = this.resources.get(logicalId);
    if (!resource) throw new Error(`sim.${kind.accessor}(${shown}): no such resource '${logicalId}' in the template.`);
    if (!kind.types.includes(resource.type)) {
      const other = Object.values(HANDLE_KINDS).find(k => (k.types as readonly string[]).includes(resource.type));
      const hint = other ? ` Use sim.${other.accessor}(${shown}).` : '';
      throw new Error(`sim.${kind.accessor}(${shown}): '${logicalId}' is a ${resource.type}, not a ${kind.types.join(' or ')}.${hint}`);
    }
    return logicalId;
  }

  private resolveString(ref: string): string | undefined {
    if (this.resources.has(ref) || this.skipped.has(ref)) return ref;
    const local = this.byLocalId.get(ref);
    if (local !== undefined) return local === AMBIGUOUS ? this.ambiguous(ref) : local;
    const byPath = this.byPath.get(normalisePath(ref));
    return byPath === AMBIGUOUS ? this.ambiguous(ref) : byPath;
  }

  private ambiguous(ref: string): never {
    const matches = [...this.resources.values()]
      .filter(r => r.logicalId.endsWith(`/${ref}`) || (r.path !== undefined && pathVariants(r.path).includes(normalisePath(ref))))
      .map(r => r.path ? `'${r.path}'` : `'${r.logicalId}'`);
    throw new Error(`'${ref}' names a resource in more than one loaded stack (${matches.join(', ')}); qualify it with the stack name`);
  }

  /** The logical id of a construct found by its path (a template loaded with construct-path metadata). */
  private idOfConstructPath(c: object): string | undefined {
    if (!isConstructLike(c)) return undefined;
    const id = this.byPath.get(normalisePath(c.node.path));
    return id === AMBIGUOUS ? undefined : id;
  }

  private resolveConstruct(ref: object, kind: HandleKind, seen: Set<object> = new Set()): string | undefined {
    const direct = this.constructIds.get(ref);
    if (direct !== undefined) return direct;
    if (!isConstructLike(ref) || seen.has(ref)) return undefined;
    seen.add(ref);
    const child = ref.node.defaultChild;
    if (child && typeof child === 'object') {
      const id = this.resolveConstruct(child, kind, seen);
      if (id !== undefined) return id;
    }
    // An L3 names the resource it exposes in the conventional public field (`rq.queue`, `fanout.topic`), ...
    for (const field of kind.fields ?? []) {
      const exposed = (ref as unknown as Record<string, unknown>)[field];
      if (exposed && typeof exposed === 'object' && isConstructLike(exposed)) {
        const id = this.resolveConstruct(exposed, kind, seen);
        if (id !== undefined) return id;
      }
    }
    // ... or its one resource of the wanted type (e.g. a construct wrapping a single topic).
    const below = [...new Set(ref.node.findAll()
      .map(c => (c && typeof c === 'object' ? this.constructIds.get(c) ?? this.idOfConstructPath(c) : undefined))
      .filter((id): id is string => id !== undefined && kind.types.includes(this.resources.get(id)?.type ?? '')))];
    if (below.length === 1) return below[0];
    if (below.length > 1) {
      throw new Error(`sim.${kind.accessor}(${describeRef(ref)}): the construct holds ${below.length} ${kind.types.join('/')} resources (${below.join(', ')}); pass the one you mean.`);
    }
    return this.idOfConstructPath(ref);
  }

  /** Logical ids and paths of resources of `kind`, closest to `name` by edit distance first. */
  public closest(name: string, kind: HandleKind, max = 5): string[] {
    const scored: { label: string; score: number }[] = [];
    const lowered = name.toLowerCase();
    for (const r of this.resources.values()) {
      if (!kind.types.includes(r.type)) continue;
      let best = editDistance(lowered, r.logicalId.toLowerCase());
      for (const variant of r.path ? pathVariants(r.path) : []) best = Math.min(best, editDistance(lowered, variant.toLowerCase()));
      const label = r.path ? `${r.logicalId} (${r.path})` : r.logicalId;
      scored.push({ label, score: best });
    }
    scored.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label));
    return scored.slice(0, max).map(s => s.label);
  }
}

function isConstructLike(x: object): x is ConstructLike {
  const node = (x as { node?: unknown }).node;
  return !!node && typeof node === 'object' && typeof (node as { path?: unknown }).path === 'string'
    && typeof (node as { findAll?: unknown }).findAll === 'function';
}

function describeRef(ref: ResourceRef): string {
  if (typeof ref === 'string') return `'${ref}'`;
  if (isConstructLike(ref)) return `<construct ${ref.node.path}>`;
  return '<object>';
}

/** `Stack/Orders/Queue/Resource` is also found as `Stack/Orders/Queue`, `Orders/Queue/Resource` and `Orders/Queue`. */
function pathVariants(path: string): string[] {
  const p = normalisePath(path);
  const out = [p];
  const slash = p.indexOf('/');
  if (slash > 0) out.push(p.slice(slash + 1));
  return out;
}

function normalisePath(path: string): string {
  let p = path.replace(/^\/+|\/+$/g, '');
  if (p.endsWith('/Resource')) p = p.slice(0, -'/Resource'.length);
  return p;
}

/** Levenshtein distance (hand-written: a dozen lines, and no edit-distance package is a declared dependency). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
