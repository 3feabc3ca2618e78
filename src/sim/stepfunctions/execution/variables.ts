/**
 * Workflow variables ("Passing data between states with variables"): a scope per execution, and a child scope per
 * Parallel branch and Map iteration. A state reads its own scope, then the scopes around it; it writes only its own,
 * so a branch or iteration reads outer variables but cannot change them.
 */
import type { Json } from '../paths/jsonpath';
import type { VariableReader } from '../paths/reference';

const NO_VARIABLES: Record<string, Json> = Object.freeze({}) as Record<string, Json>;

export class VariableScope implements VariableReader {
  // Created on first assignment: most scopes (a Map iteration's, an execution without Assign) never get one.
  private values?: Map<string, Json>;

  constructor(private readonly parent?: VariableScope) {}

  public get(name: string): Json | undefined {
    const own = this.values?.get(name);
    if (own !== undefined) return own;
    return this.parent?.get(name);
  }

  /** Stores every assignment of one state at once (all of them were computed before any is stored). */
  public assign(values: Readonly<Record<string, Json>>): void {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    const own = this.values ??= new Map();
    for (const [k, v] of entries) own.set(k, v);
  }

  /** Every variable visible here (inner scopes shadow outer ones), for JSONata bindings and inspection. */
  public visible(): Record<string, Json> {
    const out: Record<string, Json> = this.parent ? this.parent.visible() : {};
    if (this.values) for (const [k, v] of this.values) out[k] = v;
    return out;
  }

  public child(): VariableScope {
    return new VariableScope(this);
  }

  /** This scope's own variables (for a redrive, which restores them). */
  public own(): Record<string, Json> {
    return this.values === undefined || this.values.size === 0 ? NO_VARIABLES : Object.fromEntries(this.values);
  }
}
