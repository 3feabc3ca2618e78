/**
 * REST API request routing: the resource whose path matches, preferring a literal path part over a `{param}` part over
 * a greedy `{proxy+}` part (which takes one or more remaining parts), then the method, or ANY. A path no resource
 * matches, or a resource without the method, is answered 403 "Missing Authentication Token" (API Gateway does not
 * reveal which resources exist).
 */
import type { RestMethodConfig, RestResourceNode } from '../model/rest-model';

export interface RestRoute {
  readonly resource: RestResourceNode;
  readonly method: RestMethodConfig;
  /** Path parameters, URL-decoded (`{proxy+}` gets the rest of the path). */
  readonly pathParameters: Record<string, string>;
}

export function matchResource(root: RestResourceNode, path: string): { resource: RestResourceNode; params: Record<string, string> } | undefined {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  const params: Record<string, string> = {};
  const found = walk(root, segments, 0, params);
  return found ? { resource: found, params } : undefined;
}

function walk(node: RestResourceNode, segments: string[], i: number, params: Record<string, string>): RestResourceNode | undefined {
  if (i === segments.length) return node;
  const segment = segments[i];
  for (const child of node.children) {
    if (!child.pathPart.startsWith('{') && child.pathPart === segment) {
      const found = walk(child, segments, i + 1, params);
      if (found) return found;
    }
  }
  for (const child of node.children) {
    const m = /^\{([^}+]+)\}$/.exec(child.pathPart);
    if (m && segment !== '') {
      params[m[1]] = decode(segment);
      const found = walk(child, segments, i + 1, params);
      if (found) return found;
      delete params[m[1]];
    }
  }
  for (const child of node.children) {
    const m = /^\{([^}]+)\+\}$/.exec(child.pathPart);
    if (m) {
      params[m[1]] = segments.slice(i).map(decode).join('/');
      return child;
    }
  }
  return undefined;
}

export function matchRoute(root: RestResourceNode, method: string, path: string): RestRoute | undefined {
  const match = matchResource(root, path);
  if (!match) return undefined;
  const m = match.resource.methods.get(method) ?? match.resource.methods.get('ANY');
  return m ? { resource: match.resource, method: m, pathParameters: match.params } : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
