/**
 * HTTP API routing ("Working with routes for HTTP APIs"): a route key is `METHOD /path` (or `ANY /path`) with
 * `{param}` parts and an optional trailing greedy `{proxy+}`; the most specific route wins — literal parts over
 * variables, variables over a greedy variable, a named method over ANY — and `$default` catches the rest. No route
 * and no `$default` is 404 "Not Found".
 */
import type { V2RouteConfig } from '../model/v2-model';

export interface HttpRouteMatch {
  readonly route: V2RouteConfig;
  readonly pathParameters: Record<string, string>;
}

export function matchHttpRoute(routes: readonly V2RouteConfig[], method: string, path: string): HttpRouteMatch | undefined {
  const segments = path === '/' ? [''] : path.slice(1).split('/');
  let best: { match: HttpRouteMatch; score: number[] } | undefined;
  for (const route of routes) {
    if (route.path === undefined) continue;
    if (route.method !== 'ANY' && route.method !== method) continue;
    const params = matchPath(route.path, segments);
    if (!params) continue;
    const parts = route.path === '/' ? [''] : route.path.slice(1).split('/');
    const greedy = parts.some(p => p.endsWith('+}')) ? 1 : 0;
    const variables = parts.filter(p => p.startsWith('{')).length;
    // Lower is better: no greedy variable, fewer variables, more parts, a named method.
    const score = [greedy, variables, -parts.length, route.method === 'ANY' ? 1 : 0];
    if (!best || compare(score, best.score) < 0) best = { match: { route, pathParameters: params }, score };
  }
  if (best) return best.match;
  const fallback = routes.find(r => r.routeKey === '$default');
  return fallback ? { route: fallback, pathParameters: {} } : undefined;
}

function matchPath(routePath: string, segments: string[]): Record<string, string> | undefined {
  const parts = routePath === '/' ? [''] : routePath.slice(1).split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const greedy = /^\{([^}]+)\+\}$/.exec(part);
    if (greedy) {
      if (i >= segments.length) return undefined;
      params[greedy[1]] = segments.slice(i).map(decode).join('/');
      return params;
    }
    if (i >= segments.length) return undefined;
    const variable = /^\{([^}]+)\}$/.exec(part);
    if (variable) {
      if (segments[i] === '') return undefined;
      params[variable[1]] = decode(segments[i]);
    } else if (part !== segments[i]) {
      return undefined;
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
