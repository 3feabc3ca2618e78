/** SQS and SNS require FIFO resource names to end in `.fifo`. */
export const FIFO_SUFFIX = '.fifo';

/** Appends `.fifo` to a physical name when the resource is FIFO and the name lacks it. */
export function fifoName(name: string | undefined, fifo: boolean): string | undefined {
  if (name === undefined || !fifo) return name;
  return name.endsWith(FIFO_SUFFIX) ? name : `${name}${FIFO_SUFFIX}`;
}
