/**
 * `sim.diagram()`: the loaded stack as an architecture graph (resources as nodes, what links them as edges, construct
 * boxes), written as a mermaid flowchart or drawn as SVG.
 */
import { GraphBuilder } from './builder';
import { EXTRACTORS } from './extractors';
import { ConstructClasses, groupNodes } from './groups';
import { flowchartMermaid } from './mermaid';
import type { ArchitectureGraph, DiagramOptions } from './model';
import { ResourceIndex } from './resource-index';
import type { TemplateResource } from '../../runtime';

export type { ArchitectureGraph, DiagramEdge, DiagramGroup, DiagramNode, DiagramOptions, EdgeStyle, NodeKind } from './model';
export type { EdgeExtractor } from './extractor';
export type { ConstructClasses } from './groups';
export { classesOfConstructs, classesOfTree } from './classes';
export { flowchartMermaid } from './mermaid';

/** What a diagram is drawn from: the loaded template's resources, and the construct classes when known. */
export interface DiagramSource {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly classes?: ConstructClasses;
}

export function architectureGraph(source: DiagramSource, options: DiagramOptions = {}): ArchitectureGraph {
  const index = new ResourceIndex(source.resources);
  const g = new GraphBuilder(index, options.infrastructure ?? false);
  // Every drawn resource is a node, in template order, linked or not (an unlinked queue is worth seeing too).
  for (const r of source.resources.values()) g.node(r);
  // Extractor by extractor, so IAM grants come after everything configuration draws (see extractors.ts).
  for (const extractor of EXTRACTORS) {
    const all = extractor.types.includes('*');
    for (const r of source.resources.values()) if (all || extractor.types.includes(r.type)) extractor.extract(r, g);
  }
  const nodes = g.nodes;
  const fullPaths = new Map<string, string>();
  for (const n of nodes) {
    const path = n.logicalId === undefined ? undefined : source.resources.get(n.logicalId)?.path;
    if (path) fullPaths.set(n.id, path);
  }
  const groups = options.groups === false ? [] : groupNodes(nodes, fullPaths, source.classes ?? new Map());
  const byId = new Map(groups.map(gr => [gr.id, gr]));
  for (const n of nodes) {
    // Inside a box, a node is named relative to it (`Route-submitted` box: `Queue`, `DeadLetterQueue`).
    const group = n.group === undefined ? undefined : byId.get(n.group);
    if (group && n.path) n.title = relativeTitle(n.path, group.path);
  }
  return { direction: options.direction ?? 'LR', nodes, edges: g.edges, groups };
}

/** The diagram as text: mermaid (default) or SVG. */
export function renderDiagram(source: DiagramSource, options: DiagramOptions = {}): string {
  const graph = architectureGraph(source, options);
  if (options.format === 'svg') {
    // Loaded here: the layout library is needed only when a picture is drawn.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { flowchartSvg } = require('./svg') as typeof import('./svg');
    return flowchartSvg(graph);
  }
  return flowchartMermaid(graph);
}

function relativeTitle(path: string, groupPath: string): string {
  const segs = path.split('/');
  const groupSegs = groupPath.split('/');
  // The group path may start with the stack (several stacks loaded); the node's display path does not.
  for (let drop = 0; drop < groupSegs.length; drop++) {
    const prefix = groupSegs.slice(drop).join('/');
    if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length + 1);
  }
  return segs.join('/');
}
