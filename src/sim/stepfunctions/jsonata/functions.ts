/**
 * The functions Step Functions adds to JSONata ("Transforming data with JSONata": `$partition`, `$range`, `$hash`,
 * `$random`, `$uuid`, `$parse`), with the simulator's seeded randomness for `$random` and `$uuid`.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import { hashHex, HASH_ALGORITHMS } from '../intrinsics/hash';
import type { IntrinsicContext } from '../intrinsics/types';

function fail(name: string, why: string): never {
  throw new StatesError(STATES_ERRORS.QueryEvaluationError, `${name}: ${why}`);
}

export interface JsonataFunction {
  readonly name: string;
  /** JSONata signature (`<a<j>n:a<a<j>>>`). */
  readonly signature?: string;
  readonly fn: (...args: any[]) => unknown;
}

/** The Step Functions JSONata functions, bound to the simulation's randomness. */
export function stepFunctionsJsonataFunctions(cx: IntrinsicContext): JsonataFunction[] {
  return [
    {
      name: 'partition',
      signature: '<an:a>',
      fn: (array: unknown[], size: number) => {
        if (!Number.isInteger(size) || size <= 0) fail('$partition', 'the chunk size must be a positive integer');
        const out = [];
        for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
        return out;
      },
    },
    {
      name: 'range',
      signature: '<nnn:a<n>>',
      fn: (start: number, end: number, step: number) => {
        if (step === 0) fail('$range', 'the step must not be 0');
        const out: number[] = [];
        if (step > 0) for (let v = start; v <= end; v += step) out.push(v);
        else for (let v = start; v >= end; v += step) out.push(v);
        if (out.length > 1000) fail('$range', 'the range would have more than 1000 items');
        return out;
      },
    },
    {
      name: 'hash',
      signature: '<js:s>',
      fn: (value: unknown, algorithm: string) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const digest = hashHex(text, algorithm);
        if (digest === undefined) fail('$hash', `algorithm ${algorithm} is not one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
        return digest;
      },
    },
    { name: 'random', signature: '<n?:n>', fn: (seed?: number) => (seed === undefined ? cx.random() : cx.random(seed)) },
    { name: 'uuid', signature: '<:s>', fn: () => cx.uuid() },
    {
      name: 'parse',
      signature: '<s:j>',
      fn: (text: string) => {
        try {
          return JSON.parse(text);
        } catch {
          return fail('$parse', `'${text}' is not valid JSON`);
        }
      },
    },
  ];
}
