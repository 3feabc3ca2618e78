/**
 * The queue's CloudWatch metrics (SQS developer guide: "Available CloudWatch metrics for Amazon SQS"). The
 * `Approximate*` gauges are read from the queue as it is now; the `NumberOf*` and SentMessageSize counters are kept
 * here as cumulative totals since the queue was created (the alarm engine takes their differences per period).
 */

/** The queue's state the gauges read. */
export interface QueueGauges {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Seconds since the oldest message in the queue arrived. */
  readonly ageOfOldestMessage: number;
}

export class QueueCounters {
  /** NumberOfMessagesSent: messages added (not moves from another queue). */
  public sent = 0;
  /** SentMessageSize, summed: body and attribute bytes of the messages sent. */
  public sentBytes = 0;
  public received = 0;
  /** NumberOfMessagesDeleted counts every successful DeleteMessage, duplicates included. */
  public deleted = 0;
  public emptyReceives = 0;

  /** The value of a metric, or undefined for a metric SQS does not publish. */
  public metric(metricName: string, gauges: () => QueueGauges): number | undefined {
    switch (metricName) {
      case 'ApproximateNumberOfMessagesVisible': return gauges().visible;
      case 'ApproximateNumberOfMessagesNotVisible': return gauges().inFlight;
      case 'ApproximateNumberOfMessagesDelayed': return gauges().delayed;
      case 'ApproximateAgeOfOldestMessage': return gauges().ageOfOldestMessage;
      case 'NumberOfMessagesSent': return this.sent;
      case 'NumberOfMessagesReceived': return this.received;
      case 'NumberOfMessagesDeleted': return this.deleted;
      case 'NumberOfEmptyReceives': return this.emptyReceives;
      case 'SentMessageSize': return this.sentBytes;
      default: return undefined;
    }
  }
}
