import { CONDITION_OPERATORS } from './index';

/** A compiled Condition block: true when every operator/key pair holds for the request's condition keys. */
export type CompiledCondition = (context: ReadonlyMap<string, string>) => boolean;

/**
 * Compiles a statement's Condition element. Values of one key are ORed (any may match; a negated operator needs
 * none to match); keys and operators are ANDed. A key absent from the request makes the condition false, except:
 * negated operators and `...IfExists` hold, `Null` tests presence itself, `ForAllValues:` holds and `ForAnyValue:`
 * fails (IAM's rules for missing keys).
 */
export function compileCondition(condition: Record<string, Record<string, unknown>> | undefined): CompiledCondition {
  if (!condition || Object.keys(condition).length === 0) return () => true;
  const checks: CompiledCondition[] = [];
  for (const [rawOperator, keys] of Object.entries(condition)) {
    let name = rawOperator;
    let qualifier: 'any' | 'all' | undefined;
    if (name.startsWith('ForAnyValue:')) {
      qualifier = 'any';
      name = name.slice('ForAnyValue:'.length);
    } else if (name.startsWith('ForAllValues:')) {
      qualifier = 'all';
      name = name.slice('ForAllValues:'.length);
    }
    const ifExists = name !== 'Null' && name.endsWith('IfExists');
    if (ifExists) name = name.slice(0, -'IfExists'.length);

    for (const [key, raw] of Object.entries(keys ?? {})) {
      const k = key.toLowerCase();
      const values = (Array.isArray(raw) ? raw : [raw]).map(v => String(v));
      if (name === 'Null') {
        // "true": the key must be absent; "false": present.
        checks.push(ctx => values.some(v => (v.toLowerCase() === 'true') === !ctx.has(k)));
        continue;
      }
      const op = CONDITION_OPERATORS[name];
      if (!op) throw new Error(`IAM policy: the condition operator '${rawOperator}' is not supported by the simulator`);
      const tests = values.map(op.compile);
      const negated = op.negated;
      checks.push(ctx => {
        const value = ctx.get(k);
        if (value === undefined) {
          if (ifExists || qualifier === 'all') return true;
          if (qualifier === 'any') return false;
          return negated;
        }
        let any = false;
        for (const test of tests) {
          if (test(value)) {
            any = true;
            break;
          }
        }
        return negated ? !any : any;
      });
    }
  }
  return ctx => {
    for (const check of checks) if (!check(ctx)) return false;
    return true;
  };
}
