import { Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PropValidationError } from '../core';
import { ResilientQueue, ResilientQueueProps } from '../queue';
import { FanoutTopic, FanoutTopicProps } from './fanout-topic';
import { FanoutQueueOptions } from './subscription-options';

/**
 * Properties of a {@link FilterRoutedTopic}.
 */
export interface FilterRoutedTopicProps {
  /**
   * The message attribute (or, with `routeOnMessageBody`, the top-level body property) whose value picks the queue,
   * e.g. `orderStatus`.
   */
  readonly attributeName: string;

  /**
   * The values that get a queue each, e.g. `['submitted', 'refunded']`: at least one, no duplicates. Matching is
   * exact and case-sensitive. Each route is one subscription with a filter policy; SNS allows 200 filter policies
   * per topic by default (a quota that can be raised).
   */
  readonly routes: string[];

  /**
   * Add a catch-all queue for messages whose attribute has a value no route names (an `anything-but` filter on the
   * route values). A message without the attribute matches no filter and reaches none of the queues.
   *
   * @default true
   */
  readonly catchAll?: boolean;

  /**
   * Route on a top-level property of the JSON message body instead of on a message attribute.
   *
   * @default false
   */
  readonly routeOnMessageBody?: boolean;

  /**
   * Deliver messages as published, without the SNS JSON envelope.
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;

  /**
   * Properties of every route queue (and the catch-all queue).
   *
   * @default - ResilientQueue defaults, of the topic's type
   */
  readonly queueProps?: ResilientQueueProps;

  /**
   * An existing FanoutTopic to route from.
   *
   * @default - a new FanoutTopic with `topicProps`
   */
  readonly fanoutTopic?: FanoutTopic;

  /**
   * Properties of the FanoutTopic the construct creates (ignored with `fanoutTopic`).
   *
   * @default - FanoutTopic defaults (standard, KMS-encrypted, TLS only)
   */
  readonly topicProps?: FanoutTopicProps;
}

const CONSTRUCT = 'FilterRoutedTopic';

/**
 * Filter-policy routing ("Architecture 4"): one topic, one queue per value of one attribute (`orderStatus:
 * submitted` -> queue A, `refunded` -> queue B), and by default a catch-all queue for values no route names. Each
 * queue is a ResilientQueue subscribed with a filter policy and its own subscription dead-letter queue.
 */
export class FilterRoutedTopic extends Construct {
  /** The fanout topic the routes subscribe to. */
  public readonly fanout: FanoutTopic;

  /** The SNS topic publishers send to. */
  public readonly topic: sns.ITopic;

  /** The attribute (or body property) routed on. */
  public readonly attributeName: string;

  /** The route values, in the order given. */
  public readonly routes: string[];

  /** The queue receiving values no route names, unless `catchAll` is false. */
  public readonly catchAllQueue?: ResilientQueue;

  private readonly routeQueues = new Map<string, ResilientQueue>();

  constructor(scope: Construct, id: string, props: FilterRoutedTopicProps) {
    super(scope, id);
    validateFilterRoutedTopicProps(props);
    this.attributeName = props.attributeName;
    this.routes = [...props.routes];
    this.fanout = props.fanoutTopic ?? new FanoutTopic(this, 'Fanout', props.topicProps);
    this.topic = this.fanout.topic;

    // On a shared topic the queue ids carry this construct's id, so two routings on one topic do not collide.
    const prefix = props.fanoutTopic ? `${id}-` : '';
    const usedIds = new Set<string>();
    this.routes.forEach((value, index) => {
      const queueId = `${prefix}${routeId(value, index, usedIds)}`;
      const queue = this.fanout.addQueue(queueId, this.subscription(props, sns.SubscriptionFilter.stringFilter({ allowlist: [value] })));
      this.routeQueues.set(value, queue);
    });
    if (props.catchAll !== false) {
      this.catchAllQueue = this.fanout.addQueue(`${prefix}CatchAll`, this.subscription(props, sns.SubscriptionFilter.stringFilter({ denylist: this.routes })));
    }
  }

  /** The queue of one route value. */
  public routeQueue(value: string): ResilientQueue {
    const queue = this.routeQueues.get(value);
    if (!queue) throw new Error(`${CONSTRUCT} ${this.node.path}: no route "${value}" (routes: ${this.routes.join(', ')})`);
    return queue;
  }

  private subscription(props: FilterRoutedTopicProps, filter: sns.SubscriptionFilter): FanoutQueueOptions {
    const scope = props.routeOnMessageBody
      ? { filterPolicyWithMessageBody: { [props.attributeName]: sns.FilterOrPolicy.filter(filter) } }
      : { filterPolicy: { [props.attributeName]: filter } };
    return { ...scope, rawMessageDelivery: props.rawMessageDelivery, queueProps: props.queueProps };
  }
}

/** A construct id from the route value (ids cannot contain '/'), unique among the routes. */
function routeId(value: string, index: number, used: Set<string>): string {
  let id = `Route-${Token.isUnresolved(value) ? index : value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (used.has(id)) id = `${id}-${index}`;
  used.add(id);
  return id;
}

function validateFilterRoutedTopicProps(props: FilterRoutedTopicProps): void {
  if (!Token.isUnresolved(props.attributeName) && props.attributeName.trim() === '') {
    throw new PropValidationError(CONSTRUCT, 'attributeName', props.attributeName, 'a non-empty attribute name, e.g. orderStatus');
  }
  if (props.routes.length === 0) {
    throw new PropValidationError(CONSTRUCT, 'routes', '[]', 'at least one route value');
  }
  const seen = new Set<string>();
  for (const value of props.routes) {
    if (Token.isUnresolved(value)) continue;
    if (value === '') throw new PropValidationError(CONSTRUCT, 'routes', '', 'non-empty route values');
    if (seen.has(value)) throw new PropValidationError(CONSTRUCT, 'routes', value, 'distinct route values (each value routes to exactly one queue)');
    seen.add(value);
  }
  if (props.fanoutTopic && props.topicProps) {
    throw new PropValidationError(CONSTRUCT, 'topicProps', 'set together with fanoutTopic', 'topicProps only when the construct creates the topic');
  }
}
