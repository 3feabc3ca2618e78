/** SQS and SNS require FIFO resource names to end in `.fifo`. */
export const FIFO_SUFFIX = '.fifo';
