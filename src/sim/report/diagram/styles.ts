/** How each node kind looks, shared by the mermaid writer and the SVG renderer so both pictures agree. */
import type { EdgeStyle, NodeKind } from './model';

export interface KindStyle {
  readonly fill: string;
  readonly stroke: string;
  /** Mermaid's node shape: the brackets around the label. */
  readonly open: string;
  readonly close: string;
  readonly dashed?: boolean;
}

export const KIND_STYLES: Readonly<Record<NodeKind, KindStyle>> = {
  queue: { fill: '#fce4f1', stroke: '#c7136f', open: '[[', close: ']]' },
  dlq: { fill: '#fde2e2', stroke: '#c62828', open: '[[', close: ']]' },
  topic: { fill: '#fce4f1', stroke: '#c7136f', open: '{{', close: '}}' },
  function: { fill: '#fff1e0', stroke: '#d86613', open: '(', close: ')' },
  bucket: { fill: '#eaf5dc', stroke: '#5b8a12', open: '[(', close: ')]' },
  table: { fill: '#e6ecfb', stroke: '#3b48cc', open: '[(', close: ')]' },
  alarm: { fill: '#fff8d6', stroke: '#b8860b', open: '>', close: ']' },
  stream: { fill: '#ede7f6', stroke: '#6a3fc1', open: '[/', close: '/]' },
  api: { fill: '#f0e7fd', stroke: '#7b3fe4', open: '[\\', close: '/]' },
  stateMachine: { fill: '#fde9f3', stroke: '#b0125f', open: '([', close: '])' },
  jobQueue: { fill: '#fff1e0', stroke: '#d86613', open: '[[', close: ']]' },
  computeEnvironment: { fill: '#fff1e0', stroke: '#d86613', open: '[', close: ']' },
  jobDefinition: { fill: '#fffaf3', stroke: '#d86613', open: '[', close: ']' },
  flow: { fill: '#e3f2fd', stroke: '#1565c0', open: '[/', close: '/]' },
  rule: { fill: '#fce4f1', stroke: '#c7136f', open: '[', close: ']' },
  bus: { fill: '#fce4f1', stroke: '#c7136f', open: '[/', close: '/]' },
  broker: { fill: '#fce4f1', stroke: '#c7136f', open: '[', close: ']' },
  external: { fill: '#f5f5f5', stroke: '#777777', open: '[', close: ']', dashed: true },
  infrastructure: { fill: '#f3f3f3', stroke: '#9e9e9e', open: '[', close: ']' },
  resource: { fill: '#ffffff', stroke: '#555555', open: '[', close: ']' },
};

export const EDGE_COLOURS: Readonly<Record<EdgeStyle, string>> = {
  flow: '#333333',
  side: '#c62828',
  uses: '#9e9e9e',
};

/** At most this many label lines are drawn per edge; the rest are counted (`+3 more`). */
export const MAX_EDGE_LABELS = 4;

export function edgeLabelLines(labels: readonly string[]): string[] {
  if (labels.length <= MAX_EDGE_LABELS) return [...labels];
  return [...labels.slice(0, MAX_EDGE_LABELS - 1), `+${labels.length - MAX_EDGE_LABELS + 1} more`];
}
