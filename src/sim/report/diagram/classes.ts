/**
 * Construct class names by construct path, for group labels (`Orders (ResilientQueue)`): from the construct objects
 * `fromStack` knows (their scopes' classes), or from a cloud assembly's tree.json (`constructInfo.fqn`, which names
 * the class when the app loaded the library as a jsii module).
 */
import type { ConstructClasses } from './groups';

interface ScopeLike {
  readonly node: { readonly path: string; readonly scopes: readonly ScopeLike[] };
}

/** Classes of every scope of the given constructs (CfnResources), by path. */
export function classesOfConstructs(constructs: Iterable<object>): ConstructClasses {
  const out = new Map<string, string>();
  for (const c of constructs) {
    const scopes = (c as Partial<ScopeLike>).node?.scopes;
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      const path = scope?.node?.path;
      // Stacks are labelled by their name alone (and aws-cdk-lib's Stack class is not named `Stack` at run time).
      if (typeof path !== 'string' || !path || out.has(path) || typeof (scope as { stackName?: unknown }).stackName === 'string') continue;
      out.set(path, scope.constructor.name);
    }
  }
  return out;
}

/** Classes by path from a tree.json document: the last part of each construct's fqn, when it is not generic. */
export function classesOfTree(tree: any): ConstructClasses {
  const out = new Map<string, string>();
  const walk = (n: any) => {
    const fqn: unknown = n?.constructInfo?.fqn;
    if (typeof n?.path === 'string' && typeof fqn === 'string' && fqn !== 'constructs.Construct') out.set(n.path, fqn.split('.').pop()!);
    for (const child of Object.values<any>(n?.children ?? {})) walk(child);
  };
  walk(tree?.tree);
  return out;
}
