/**
 * An SNS topic (AWS::SNS::Topic): its identity, its subscriptions (indexed by filter policy), what it sent to endpoints
 * outside AWS, and for FIFO topics (SNS developer guide, "FIFO topics") its sequence numbers and deduplication.
 */
import { CallerIdentity, SimEnvironment, TemplateResource } from '../runtime';
import { templateInvalid } from './errors';
import { FilterPolicyIndex } from './filter-policy';
import { Subscription } from './subscription';
import { DeduplicationWindow } from '../sqs/deduplication';
import { fifoSequenceNumber } from '../sqs/message';
import { optionalBoolean } from '../template/properties';

/** What SNS sent to an endpoint outside AWS (HTTP/S, email, email-json, SMS), recorded for assertions. */
export interface EndpointDelivery {
  /** Virtual epoch ms. */
  readonly time: number;
  readonly type: 'SubscriptionConfirmation' | 'Notification';
  readonly protocol: 'http' | 'https' | 'email' | 'email-json' | 'sms';
  readonly endpoint: string;
  /** Logical id of the subscription. */
  readonly subscription: string;
  readonly subscriptionArn: string;
  readonly messageId: string;
  /** HTTP/S: the POST body (the JSON envelope, or the message itself with raw delivery). Email: the text. */
  readonly body: string;
  /** Email: the subject line. */
  readonly subject?: string;
  /** HTTP/S: the `x-amz-sns-*` headers SNS sends. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a publish returned (and what a duplicate publish to a FIFO topic returns again). */
export interface PublishResult {
  readonly MessageId: string;
  readonly SequenceNumber?: string;
}

/** A fixed certificate name: the simulator does not sign with a real key (see `placeholderSignature`). */
const SIGNING_CERT = 'SimpleNotificationService-0000000000000000000000000000sim.pem';

/** The topic attributes CloudFormation sets, as SNS validates them. */
interface TopicAttributes {
  readonly name: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** FifoThroughputScope MessageGroup: deduplication happens within each message group. */
  readonly deduplicateWithinGroup: boolean;
  /** SignatureVersion: 1 (SHA1withRSA) or 2 (SHA256withRSA), shown in the envelope. */
  readonly signatureVersion: '1' | '2';
}

export class Topic implements TopicAttributes {
  public readonly name: string;
  public readonly fifo: boolean;
  public readonly contentBasedDeduplication: boolean;
  public readonly deduplicateWithinGroup: boolean;
  public readonly signatureVersion: '1' | '2';
  public readonly subscriptions = new FilterPolicyIndex<Subscription>();
  public readonly deliveries: EndpointDelivery[] = [];
  /** FIFO topics: the deduplication ids of the last five minutes, with what their first publish returned. */
  public readonly deduplication: DeduplicationWindow<PublishResult>;
  public readonly signingCertUrl: string;
  /** The ARN and the certificate URL as JSON strings, as every notification envelope of the topic writes them. */
  public readonly envelopeJson: { readonly arn: string; readonly signingCertUrl: string };
  /** Who SNS is when it delivers this topic's messages: its service principal, with the topic as aws:SourceArn. */
  public readonly deliveryIdentity: CallerIdentity;
  private sequence = 0;

  constructor(public readonly logicalId: string, public readonly arn: string, attributes: TopicAttributes, env: SimEnvironment) {
    this.name = attributes.name;
    this.fifo = attributes.fifo;
    this.contentBasedDeduplication = attributes.contentBasedDeduplication;
    this.deduplicateWithinGroup = attributes.deduplicateWithinGroup;
    this.signatureVersion = attributes.signatureVersion;
    this.deduplication = new DeduplicationWindow(attributes.deduplicateWithinGroup);
    this.signingCertUrl = `https://sns.${env.region}.${env.urlSuffix}/${SIGNING_CERT}`;
    this.envelopeJson = { arn: JSON.stringify(arn), signingCertUrl: JSON.stringify(this.signingCertUrl) };
    this.deliveryIdentity = { principalType: 'Service', principal: 'sns.amazonaws.com', sourceArn: arn, sourceAccount: env.account, secureTransport: true };
  }

  /** The next SequenceNumber of this FIFO topic: a 20-digit, strictly increasing number. */
  public nextSequenceNumber(): string {
    return fifoSequenceNumber(++this.sequence);
  }
}

/** Reads an AWS::SNS::Topic's attributes, refusing what CreateTopic refuses with SNS's message. */
export function topicAttributes(resource: TemplateResource): TopicAttributes {
  const p = resource.properties;
  const fail = (message: string): never => {
    throw templateInvalid(resource.logicalId, message);
  };
  const flag = (attribute: string): boolean => {
    try {
      return optionalBoolean(resource.logicalId, attribute, p[attribute]) ?? false;
    } catch {
      return fail(`Invalid parameter: Attributes Reason: ${attribute}: Invalid value [${String(p[attribute])}]. Must be true or false.`);
    }
  };
  const fifo = flag('FifoTopic');
  const name = resource.attributes.TopicName ?? String(p.TopicName ?? resource.logicalId);
  if (fifo && !/^[A-Za-z0-9_-]{1,251}\.fifo$/.test(name)) {
    fail('Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
  }
  if (!fifo && !/^[A-Za-z0-9_-]{1,256}$/.test(name)) fail('Invalid parameter: Topic Name');
  const contentBasedDeduplication = flag('ContentBasedDeduplication');
  if (contentBasedDeduplication && !fifo) {
    fail('Invalid parameter: Attributes Reason: ContentBasedDeduplication can only be set for FIFO topics');
  }
  const scope = p.FifoThroughputScope;
  if (scope !== undefined && (!fifo || (scope !== 'Topic' && scope !== 'MessageGroup'))) {
    fail(fifo
      ? `Invalid parameter: Attributes Reason: FifoThroughputScope: Invalid value [${String(scope)}]. Please use either Topic or MessageGroup`
      : 'Invalid parameter: Attributes Reason: FifoThroughputScope can only be set for FIFO topics');
  }
  const signatureVersion = p.SignatureVersion === undefined ? '1' : String(p.SignatureVersion);
  if (signatureVersion !== '1' && signatureVersion !== '2') {
    fail(`Invalid parameter: Attributes Reason: SignatureVersion: Invalid value [${signatureVersion}]. Please use either 1 or 2`);
  }
  return { name, fifo, contentBasedDeduplication, deduplicateWithinGroup: scope === 'MessageGroup', signatureVersion: signatureVersion as '1' | '2' };
}
