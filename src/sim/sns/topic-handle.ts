import { AwsError, responseMetadata } from '../kernel';
import { CallerIdentity } from '../runtime';
import { batchError, invalidParameter } from './errors';
import { MAX_PUBLISH_BYTES, publishSize } from './message-attributes';
import type { TopicPublisher } from './sns-service';
import { EndpointDelivery, Topic } from './topic';
import { BatchResultErrorEntry, PublishBatchInput, PublishBatchOutput, PublishBatchResultEntry, PublishInput, PublishOutput } from './types';

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;

/**
 * A topic as a test drives it (`sim.topic(ref)`), with the AWS SDK v3 Publish and PublishBatch shapes. Calls run as
 * the stack's own account (or as the caller another service's API call names); the handle fills in its TopicArn.
 *
 * Naming: the handle's own properties are camelCase (`topicArn`, `topicName`, `logicalId`); request and response
 * fields are PascalCase as in the SDK (`MessageId`), and every response carries `$metadata`.
 */
export class TopicHandle {
  constructor(
    private readonly publisher: TopicPublisher,
    private readonly topic: Topic,
    private readonly caller: CallerIdentity,
  ) {}

  public get logicalId(): string {
    return this.topic.logicalId;
  }

  public get topicArn(): string {
    return this.topic.arn;
  }

  public get topicName(): string {
    return this.topic.name;
  }

  public get fifo(): boolean {
    return this.topic.fifo;
  }

  /** What SNS sent to HTTP/S, email, email-json and SMS subscriptions (they are recorded, not called). */
  public get deliveries(): readonly EndpointDelivery[] {
    return this.topic.deliveries;
  }

  /** Publish (API_Publish). Resolves with MessageId (and SequenceNumber on FIFO topics). */
  public async publish(input: PublishInput): Promise<PublishOutput> {
    this.checkTarget(input);
    this.authorize();
    const result = this.publisher.publishEntry(this.topic, input);
    return { $metadata: responseMetadata(this.publisher.ids), ...result };
  }

  /**
   * PublishBatch (API_PublishBatch): 1 to 10 entries with distinct ids of up to 80 letters, digits, hyphens and
   * underscores, at most 256 KiB in total; each entry succeeds or fails on its own.
   */
  public async publishBatch(input: PublishBatchInput): Promise<PublishBatchOutput> {
    this.checkTarget(input);
    const entries = input.PublishBatchRequestEntries ?? [];
    if (entries.length === 0) throw batchError('EmptyBatchRequest', "The batch request doesn't contain any entries.");
    if (entries.length > MAX_BATCH_ENTRIES) throw batchError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
    const ids = new Set<string>();
    for (const e of entries) {
      if (typeof e.Id !== 'string' || !BATCH_ID.test(e.Id)) {
        throw batchError('InvalidBatchEntryId', "The Id of a batch entry in a batch request doesn't abide by the specification.");
      }
      if (ids.has(e.Id)) throw batchError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
      ids.add(e.Id);
    }
    const total = entries.reduce((sum, e) => sum + publishSize(e.Message ?? '', e.MessageAttributes), 0);
    if (total > MAX_PUBLISH_BYTES) throw batchError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
    this.authorize();

    const Successful: PublishBatchResultEntry[] = [];
    const Failed: BatchResultErrorEntry[] = [];
    entries.forEach((entry, i) => {
      try {
        const result = this.publisher.publishEntry(this.topic, entry, i + 1);
        Successful.push({ Id: entry.Id, ...result });
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        Failed.push({ Id: entry.Id, Code: e.Code, Message: e.message, SenderFault: e.$fault === 'client' });
      }
    });
    return { $metadata: responseMetadata(this.publisher.ids), Successful, Failed };
  }

  private checkTarget(input: { TopicArn?: string; TargetArn?: string; PhoneNumber?: string }): void {
    if (input.TopicArn !== undefined && input.TopicArn !== this.topic.arn) throw invalidParameter('Invalid parameter: TopicArn');
    if (input.TargetArn !== undefined && input.TargetArn !== this.topic.arn) throw invalidParameter('Invalid parameter: TargetArn');
    if (input.PhoneNumber !== undefined) {
      throw invalidParameter('Invalid parameter: PhoneNumber Reason: a topic handle publishes to its topic; direct SMS publishing is not simulated');
    }
  }

  private authorize(): void {
    const decision = this.publisher.authorize(this.topic, this.caller);
    if (!decision.allowed) {
      throw new AwsError('AuthorizationErrorException',
        decision.message ?? `User: ${this.caller.principal} is not authorized to perform: SNS:Publish on resource: ${this.topic.arn}`,
        { code: 'AuthorizationError', httpStatusCode: 403 });
    }
    const keyError = this.publisher.keyError(this.topic, this.caller);
    if (keyError) throw keyError;
  }
}
