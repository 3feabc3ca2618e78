import { SimEnvironment } from '../runtime';
import { EnvelopeTopic } from './envelope-head';
import { EnvelopeTailCache } from './envelope-tail';

/** A fixed certificate name: the simulator does not sign with a real key (see `placeholderSignature`). */
const SIGNING_CERT = 'SimpleNotificationService-0000000000000000000000000000sim.pem';

/**
 * What every envelope of one topic shares: the fields each head shows alike (referenced, not copied, by every
 * head a queue keeps) and the topic's recent tails. One per topic.
 */
export class TopicEnvelope implements EnvelopeTopic {
  public readonly signingCertUrl: string;
  public readonly tails = new EnvelopeTailCache();

  constructor(
    env: SimEnvironment,
    public readonly topicArn: string,
    public readonly fifo: boolean,
    /** The topic's SignatureVersion: 1 (SHA1withRSA) or 2 (SHA256withRSA), shown in the envelope. */
    public readonly signatureVersion: '1' | '2',
  ) {
    this.signingCertUrl = `https://sns.${env.region}.${env.urlSuffix}/${SIGNING_CERT}`;
  }
}
