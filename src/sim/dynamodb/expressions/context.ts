/**
 * ExpressionAttributeNames and ExpressionAttributeValues of one request, with the validation the API Reference and the
 * service apply: placeholders must be well formed, maps must not be empty, values must be valid AttributeValues, and
 * every entry must be used by some expression of the request ("Value provided in ExpressionAttributeNames unused in
 * expressions: keys: {#b}").
 */
import { validation } from '../errors';
import { AttributeValue, normaliseValue } from '../values/attribute-value';

const PLACEHOLDER = /^[A-Za-z0-9_]+$/;

export class ExpressionContext {
  private readonly names: ReadonlyMap<string, string>;
  private readonly values: ReadonlyMap<string, AttributeValue>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: Record<string, string> | undefined, values: Record<string, unknown> | undefined, anyExpression: boolean) {
    if (names !== undefined && !anyExpression) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (values !== undefined && !anyExpression) throw validation('ExpressionAttributeValues can only be specified when using expressions');
    if (names !== undefined && Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
    if (values !== undefined && Object.keys(values).length === 0) throw validation('ExpressionAttributeValues must not be empty');
    const n = new Map<string, string>();
    for (const [key, name] of Object.entries(names ?? {})) {
      if (!key.startsWith('#') || !PLACEHOLDER.test(key.slice(1))) {
        throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
      }
      if (typeof name !== 'string' || name === '') throw validation(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
      n.set(key, name);
    }
    const v = new Map<string, AttributeValue>();
    for (const [key, value] of Object.entries(values ?? {})) {
      if (!key.startsWith(':') || !PLACEHOLDER.test(key.slice(1))) {
        throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      }
      try {
        v.set(key, normaliseValue(value));
      } catch (e) {
        throw validation(`ExpressionAttributeValues contains invalid value: ${(e as Error).message} for key ${key}`);
      }
    }
    this.names = n;
    this.values = v;
  }

  /** The attribute name `#ref` stands for, or undefined when it is not defined. */
  public name(ref: string): string | undefined {
    const name = this.names.get(ref);
    if (name !== undefined) this.usedNames.add(ref);
    return name;
  }

  public value(ref: string): AttributeValue | undefined {
    const value = this.values.get(ref);
    if (value !== undefined) this.usedValues.add(ref);
    return value;
  }

  /** After every expression of the request is parsed: unused names, then unused values, are errors. */
  public checkAllUsed(): void {
    const unusedNames = [...this.names.keys()].filter(k => !this.usedNames.has(k));
    if (unusedNames.length > 0) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = [...this.values.keys()].filter(k => !this.usedValues.has(k));
    if (unusedValues.length > 0) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}
