/**
 * The architecture graph: what `sim.diagram()` draws. Built from the loaded template by per-service edge extractors
 * (one file per service beside this one), written out as mermaid text (mermaid.ts) or drawn as SVG (svg.ts). One
 * representation, two writers, so the report's picture and the mermaid text always show the same graph.
 */

/** How a node is drawn: its shape and colour in both writers. */
export type NodeKind =
  | 'queue' | 'dlq' | 'topic' | 'function' | 'bucket' | 'alarm' | 'stream' | 'api' | 'stateMachine' | 'table'
  | 'jobQueue' | 'computeEnvironment' | 'jobDefinition' | 'flow' | 'rule' | 'bus' | 'broker' | 'external'
  | 'infrastructure' | 'resource';

export interface DiagramNode {
  /** Mermaid-safe id (`n_` + the logical id's letters and digits). */
  readonly id: string;
  /** The template resource it draws; absent for nodes outside the template (an external source, the clients). */
  readonly logicalId?: string;
  /** The resource type, or a short description for external nodes. */
  readonly type: string;
  kind: NodeKind;
  /** The resource's name in the diagram: its construct path within its group, or its logical id. */
  title: string;
  /** What it is, in words (`SQS queue`, `Lambda function`). */
  subtitle: string;
  readonly infrastructure: boolean;
  /** Construct path (without the stack and the trailing `/Resource`). */
  readonly path?: string;
  /** The group (construct) box it is drawn in. */
  group?: string;
}

/** `flow`: the decoupling path; `side`: DLQs, alarms and their actions; `uses`: a reference found in configuration. */
export type EdgeStyle = 'flow' | 'side' | 'uses';

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: EdgeStyle;
  /** Label lines (merged edges between the same nodes keep every label). */
  readonly labels: string[];
}

/** A construct (L3) that holds several drawn resources: drawn as a box around them. */
export interface DiagramGroup {
  readonly id: string;
  /** The construct's id, with its class when known (`Orders (ResilientQueue)`). */
  readonly label: string;
  /** Construct path without the stack. */
  readonly path: string;
  readonly parent?: string;
}

export interface ArchitectureGraph {
  readonly direction: 'LR' | 'TB';
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  readonly groups: readonly DiagramGroup[];
}

/** `sim.diagram()` options. */
export interface DiagramOptions {
  /**
   * Also draw infrastructure: IAM roles and policies, KMS keys, log groups, networking, custom-resource providers,
   * with dotted edges from the resources that reference them. @default false
   */
  readonly infrastructure?: boolean;
  /** Draw a box around the resources of each construct (L3) the construct paths show. @default true */
  readonly groups?: boolean;
  /** Main flow direction. @default 'LR' */
  readonly direction?: 'LR' | 'TB';
  /** `mermaid` (a flowchart to paste into Markdown) or `svg` (a picture). @default 'mermaid' */
  readonly format?: 'mermaid' | 'svg';
}
