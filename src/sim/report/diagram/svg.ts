/**
 * The architecture graph drawn as SVG, laid out by dagre (@dagrejs/dagre: layered layout with nested clusters, the
 * layout mermaid itself uses for flowcharts), so the report needs no script and no network to show it.
 */
import type { ArchitectureGraph } from './model';
import { EDGE_COLOURS, edgeLabelLines, KIND_STYLES } from './styles';
import { esc, n, textWidth } from '../svg-util';

const TITLE_SIZE = 13;
const SUBTITLE_SIZE = 11;
const LABEL_SIZE = 11;
/** Space above a box's first row for its label. */
const GROUP_LABEL = 18;

export function flowchartSvg(graph: ArchitectureGraph): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dagre = require('@dagrejs/dagre') as Dagre;
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: graph.direction, nodesep: 34, ranksep: 70, edgesep: 14, marginx: 12, marginy: 12 + GROUP_LABEL });
  g.setDefaultEdgeLabel(() => ({}));
  for (const gr of graph.groups) g.setNode(gr.id, { label: gr.label });
  for (const gr of graph.groups) if (gr.parent) g.setParent(gr.id, gr.parent);
  for (const node of graph.nodes) {
    const width = Math.max(textWidth(node.title, TITLE_SIZE, true), textWidth(node.subtitle, SUBTITLE_SIZE)) + 28;
    g.setNode(node.id, { width: Math.max(96, width), height: 44 });
    if (node.group) g.setParent(node.id, node.group);
  }
  graph.edges.forEach((e, i) => {
    const lines = edgeLabelLines(e.labels);
    const width = lines.length ? Math.max(...lines.map(l => textWidth(l, LABEL_SIZE))) + 8 : 0;
    g.setEdge(e.from, e.to, { width, height: lines.length * 14, labelpos: 'c', minlen: 1 }, `e${i}`);
  });
  dagre.layout(g);

  const out: string[] = [];
  const size = g.graph();
  const width = (size.width ?? 0) + 2;
  const height = (size.height ?? 0) + 2;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="architecture" viewBox="0 ${-GROUP_LABEL} ${n(width)} ${n(height + GROUP_LABEL)}" `
    + `width="${n(width)}" height="${n(height + GROUP_LABEL)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`);
  out.push('<defs>');
  for (const [style, colour] of Object.entries(EDGE_COLOURS)) {
    out.push(`<marker id="arrow-${style}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">`
      + `<path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');
  // Boxes, outermost first so inner boxes draw on top.
  const depth = (id: string): number => {
    const parent = graph.groups.find(gr => gr.id === id)?.parent;
    return parent ? 1 + depth(parent) : 0;
  };
  for (const gr of [...graph.groups].sort((a, b) => depth(a.id) - depth(b.id))) {
    const c = g.node(gr.id);
    const x = c.x - c.width / 2;
    const y = c.y - c.height / 2 - GROUP_LABEL;
    out.push(`<g class="cluster" data-path="${esc(gr.path)}"><rect x="${n(x)}" y="${n(y)}" width="${n(c.width)}" height="${n(c.height + GROUP_LABEL)}" `
      + `rx="8" fill="${depth(gr.id) % 2 ? '#ffffff' : '#f7f8fa'}" stroke="#c5cad3"/>`
      + `<text x="${n(x + 8)}" y="${n(y + 13)}" font-size="12" font-weight="600" fill="#4a5568">${esc(gr.label)}</text></g>`);
  }
  graph.edges.forEach((e, i) => {
    const edge = g.edge({ v: e.from, w: e.to, name: `e${i}` });
    const points = edge.points ?? [];
    const d = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
    const colour = EDGE_COLOURS[e.style];
    out.push(`<g class="edge edge-${e.style}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="1.4"`
      + `${e.style === 'flow' ? '' : ' stroke-dasharray="5 4"'} marker-end="url(#arrow-${e.style})"/>`);
    const lines = edgeLabelLines(e.labels);
    if (lines.length > 0 && edge.x !== undefined && edge.y !== undefined) {
      const w = edge.width ?? 0;
      const h = edge.height ?? 0;
      out.push(`<rect x="${n(edge.x - w / 2)}" y="${n(edge.y - h / 2)}" width="${n(w)}" height="${n(h)}" rx="3" fill="#ffffff" fill-opacity="0.9"/>`);
      lines.forEach((line, k) => out.push(`<text x="${n(edge.x!)}" y="${n(edge.y! - h / 2 + 11 + k * 14)}" font-size="${LABEL_SIZE}" `
        + `text-anchor="middle" fill="${e.style === 'side' ? '#a12020' : '#333'}">${esc(line)}</text>`));
    }
    out.push('</g>');
  });
  for (const node of graph.nodes) {
    const c = g.node(node.id);
    const s = KIND_STYLES[node.kind];
    const x = c.x - c.width / 2;
    const y = c.y - c.height / 2;
    out.push(`<g class="node node-${node.kind}" data-id="${esc(node.logicalId ?? node.id)}">${shape(node.kind, x, y, c.width, c.height, s.fill, s.stroke, s.dashed)}`
      + `<text x="${n(c.x)}" y="${n(c.y - 3)}" font-size="${TITLE_SIZE}" font-weight="600" text-anchor="middle" fill="#1a202c">${esc(node.title)}</text>`
      + `<text x="${n(c.x)}" y="${n(c.y + 13)}" font-size="${SUBTITLE_SIZE}" text-anchor="middle" fill="#4a5568">${esc(node.subtitle)}</text>`
      + `<title>${esc(node.logicalId ? `${node.logicalId} (${node.type})` : node.type)}</title></g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/**
 * The part of @dagrejs/dagre's API used here. (Its declarations are an ES module's, which a CommonJS file cannot
 * import types from without a resolution-mode attribute that jsii's compiler settings do not take.)
 */
interface Dagre {
  readonly graphlib: { Graph: new (options: { compound: boolean; multigraph: boolean }) => DagreGraph };
  layout(graph: DagreGraph): void;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DagreGraph {
  setGraph(label: Record<string, unknown>): void;
  graph(): { width?: number; height?: number };
  setDefaultEdgeLabel(fn: () => object): void;
  setNode(id: string, label: object): void;
  setParent(id: string, parent: string): void;
  setEdge(from: string, to: string, label: object, name: string): void;
  node(id: string): Box;
  edge(e: { v: string; w: string; name: string }): Partial<Box> & { points?: Array<{ x: number; y: number }> };
}

/** The node's outline, echoing its mermaid shape (queues with double sides, topics as hexagons, buckets as cylinders). */
function shape(kind: string, x: number, y: number, w: number, h: number, fill: string, stroke: string, dashed?: boolean): string {
  const attrs = `fill="${fill}" stroke="${stroke}" stroke-width="1.5"${dashed ? ' stroke-dasharray="4 3"' : ''}`;
  switch (kind) {
    case 'topic': case 'bus': {
      const k = 10;
      return `<polygon points="${n(x + k)},${n(y)} ${n(x + w - k)},${n(y)} ${n(x + w)},${n(y + h / 2)} ${n(x + w - k)},${n(y + h)} ${n(x + k)},${n(y + h)} ${n(x)},${n(y + h / 2)}" ${attrs}/>`;
    }
    case 'queue': case 'dlq': case 'jobQueue':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`
        + `<line x1="${n(x + 7)}" y1="${n(y)}" x2="${n(x + 7)}" y2="${n(y + h)}" stroke="${stroke}"/>`
        + `<line x1="${n(x + w - 7)}" y1="${n(y)}" x2="${n(x + w - 7)}" y2="${n(y + h)}" stroke="${stroke}"/>`;
    case 'bucket': case 'table': {
      const e = 5;
      return `<path d="M${n(x)},${n(y + e)} A${n(w / 2)},${e} 0 0 1 ${n(x + w)},${n(y + e)} L${n(x + w)},${n(y + h - e)} `
        + `A${n(w / 2)},${e} 0 0 1 ${n(x)},${n(y + h - e)} Z" ${attrs}/>`
        + `<path d="M${n(x)},${n(y + e)} A${n(w / 2)},${e} 0 0 0 ${n(x + w)},${n(y + e)}" fill="none" stroke="${stroke}"/>`;
    }
    case 'function': case 'stateMachine':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${kind === 'function' ? 10 : h / 2}" ${attrs}/>`;
    case 'alarm':
      return `<polygon points="${n(x)},${n(y)} ${n(x + w)},${n(y)} ${n(x + w)},${n(y + h)} ${n(x)},${n(y + h)} ${n(x + 10)},${n(y + h / 2)}" ${attrs}/>`;
    case 'stream': case 'flow':
      return `<polygon points="${n(x + 8)},${n(y)} ${n(x + w)},${n(y)} ${n(x + w - 8)},${n(y + h)} ${n(x)},${n(y + h)}" ${attrs}/>`;
    case 'api':
      return `<polygon points="${n(x)},${n(y)} ${n(x + w)},${n(y)} ${n(x + w - 8)},${n(y + h)} ${n(x + 8)},${n(y + h)}" ${attrs}/>`;
    default:
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="3" ${attrs}/>`;
  }
}
