/**
 * Subscription confirmation (SNS developer guide, "Confirm your subscription", "Use Amazon SNS with HTTP/S endpoints"):
 * HTTP/S and email endpoints first receive a SubscriptionConfirmation message with a SubscribeURL. The simulator
 * records it and then treats the subscription as confirmed, so a test sees what the endpoint would get.
 */
import { SimContext } from '../runtime';
import { Subscription } from './subscription';
import { EndpointDelivery, Topic } from './topic';

/** The SubscriptionConfirmation `sub`'s endpoint receives. */
export function subscriptionConfirmation(ctx: SimContext, topic: Topic, sub: Subscription): EndpointDelivery {
  const messageId = ctx.ids.uuid();
  const token = ctx.ids.hex(64);
  const subscribeUrl = `https://sns.${ctx.env.region}.${ctx.env.urlSuffix}/?Action=ConfirmSubscription&TopicArn=${topic.arn}&Token=${token}`;
  const text = `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
  const protocol = sub.protocol as EndpointDelivery['protocol'];
  const json = JSON.stringify({
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: token,
    TopicArn: topic.arn,
    Message: text,
    SubscribeURL: subscribeUrl,
    Timestamp: new Date(ctx.clock.now()).toISOString(),
  });
  return {
    time: ctx.clock.now(),
    type: 'SubscriptionConfirmation',
    protocol,
    endpoint: sub.endpoint,
    subscription: sub.logicalId,
    subscriptionArn: sub.arn,
    messageId,
    body: protocol === 'email' ? `${text}\n${subscribeUrl}` : json,
    ...(protocol === 'http' || protocol === 'https'
      ? { headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-message-id': messageId, 'x-amz-sns-topic-arn': topic.arn } }
      : { subject: 'AWS Notification - Subscription Confirmation' }),
  };
}
