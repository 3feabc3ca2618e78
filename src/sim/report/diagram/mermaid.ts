/**
 * The architecture graph as a mermaid flowchart, in the style of the pattern notes: `flowchart LR`, one subgraph per
 * construct box, filter policies and routes as edge labels, side paths dotted and red, a class per node kind.
 */
import type { ArchitectureGraph, DiagramGroup, DiagramNode } from './model';
import { EDGE_COLOURS, edgeLabelLines, KIND_STYLES } from './styles';

export function flowchartMermaid(graph: ArchitectureGraph): string {
  const lines = [`flowchart ${graph.direction}`];
  const children = new Map<string | undefined, DiagramGroup[]>();
  for (const g of graph.groups) children.set(g.parent, [...children.get(g.parent) ?? [], g]);
  const nodesIn = new Map<string | undefined, DiagramNode[]>();
  for (const n of graph.nodes) nodesIn.set(n.group, [...nodesIn.get(n.group) ?? [], n]);

  const writeScope = (group: string | undefined, indent: string) => {
    for (const g of children.get(group) ?? []) {
      lines.push(`${indent}subgraph ${g.id}["${text(g.label)}"]`);
      writeScope(g.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
    for (const n of nodesIn.get(group) ?? []) {
      const style = KIND_STYLES[n.kind];
      lines.push(`${indent}${n.id}${style.open}"${text(n.title)}<br/><small>${text(n.subtitle)}</small>"${style.close}`);
    }
  };
  writeScope(undefined, '  ');

  const linkStyles = new Map<string, number[]>();
  graph.edges.forEach((e, i) => {
    const arrow = e.style === 'flow' ? '-->' : '-.->';
    const label = edgeLabelLines(e.labels).map(text).join('<br/>');
    lines.push(`  ${e.from} ${arrow}${label ? `|"${label}"|` : ''} ${e.to}`);
    if (e.style !== 'flow') linkStyles.set(e.style, [...linkStyles.get(e.style) ?? [], i]);
  });
  for (const [style, indexes] of linkStyles) {
    lines.push(`  linkStyle ${indexes.join(',')} stroke:${EDGE_COLOURS[style as keyof typeof EDGE_COLOURS]}`);
  }
  const kinds = new Map<string, string[]>();
  for (const n of graph.nodes) kinds.set(n.kind, [...kinds.get(n.kind) ?? [], n.id]);
  for (const [kind, ids] of kinds) {
    const s = KIND_STYLES[kind as keyof typeof KIND_STYLES];
    lines.push(`  classDef k_${kind} fill:${s.fill},stroke:${s.stroke}${s.dashed ? ',stroke-dasharray:4 3' : ''}`);
    lines.push(`  class ${ids.join(',')} k_${kind}`);
  }
  return lines.join('\n');
}

/**
 * Text inside a quoted mermaid label: quotes, angle brackets and the characters mermaid's parser reads (`|`, `#`, `;`)
 * as entity codes (mermaid decodes `#<decimal>;` and `#quot;`).
 */
export function text(s: string): string {
  return s.replace(/[#"<>|;&]/g, c => `#${c.charCodeAt(0)};`);
}
