/**
 * An edge extractor reads the template resources of one service and draws what links them: a subscription becomes
 * an edge from its topic to its endpoint, a redrive policy a side path to the dead-letter queue. One file per service;
 * `EXTRACTORS` (extractors.ts) lists them. Extractors read the template only, so a service's resources are drawn
 * whether or not the simulator simulates it.
 */
import type { GraphBuilder } from './builder';
import type { TemplateResource } from '../../runtime';

export interface EdgeExtractor {
  /** The resource types it reads. */
  readonly types: readonly string[];
  extract(resource: TemplateResource, graph: GraphBuilder): void;
}

/** A JSON document given as an object or as a JSON string (CloudFormation accepts both for policies and patterns). */
export function jsonObject(value: unknown): any {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' ? value : undefined;
}

/** A value or a list of values, as a list. */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** Every string in a JSON value, with the name of the property that holds it (the nearest object key). */
export function stringsIn(value: unknown, key = ''): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  const walk = (v: unknown, k: string) => {
    if (typeof v === 'string') out.push({ key: k, value: v });
    else if (Array.isArray(v)) v.forEach(item => walk(item, k));
    else if (v && typeof v === 'object') for (const [name, item] of Object.entries(v)) walk(item, name);
  };
  walk(value, key);
  return out;
}

/** Shortens a label line to `max` characters. */
export function clip(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
