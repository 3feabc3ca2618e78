import { ResolveScope } from '../context';
import { templateError } from '../errors';

/** One operand of Fn::And / Fn::Or / Fn::Not: `{ Condition: name }` or a condition function. */
export function conditionOperand(operand: unknown, fn: string, scope: ResolveScope): boolean {
  if (operand && typeof operand === 'object' && !Array.isArray(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 1 && keys[0] === 'Condition') {
      const name = (operand as Record<string, unknown>).Condition;
      if (typeof name !== 'string') throw templateError(scope.where, `Template error: ${fn}: a Condition reference must be a condition name string`);
      return scope.condition(name);
    }
  }
  const value = scope.resolve(operand);
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw templateError(scope.where, `Template error: every ${fn} object requires condition functions or Condition references as its operands`);
}
