import { Duration, Token } from 'aws-cdk-lib';

/**
 * Thrown when a construct prop is outside what AWS accepts. The message names the prop, the value given and the
 * allowed range, so a user can fix it without reading the source.
 */
export class PropValidationError extends Error {
  constructor(construct: string, prop: string, value: unknown, allowed: string) {
    super(`${construct}: invalid ${prop} ${describe(value)}; allowed: ${allowed}`);
    this.name = 'PropValidationError';
  }
}

function describe(value: unknown): string {
  if (value instanceof Duration) return `(${value.toHumanString()})`;
  if (typeof value === 'string') return `("${value}")`;
  return `(${String(value)})`;
}

function isDurationToken(d: Duration): boolean {
  try {
    return Token.isUnresolved(d.toSeconds({ integral: false }));
  } catch {
    return true;
  }
}

/**
 * Checks a number against an inclusive range.
 * @param unit what the number counts, shown in the message ("bytes", "receives")
 */
export function validateNumberRange(construct: string, prop: string, value: number | undefined, min: number, max: number, unit = ''): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const suffix = unit ? ` ${unit}` : '';
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PropValidationError(construct, prop, `${value}${suffix}`, `an integer from ${min} to ${max}${suffix}`);
  }
}

/**
 * Checks a Duration against an inclusive range in seconds, with a human description of the range
 * ("1 minute to 14 days").
 */
export function validateDurationRange(
  construct: string, prop: string, value: Duration | undefined, minSeconds: number, maxSeconds: number, human: string,
): void {
  if (value === undefined || isDurationToken(value)) return;
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    throw new PropValidationError(construct, prop, `${value.toHumanString()} = ${seconds} seconds`, `${human} (${minSeconds}..${maxSeconds} seconds, whole seconds)`);
  }
}
