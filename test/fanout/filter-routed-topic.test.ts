import { Match, Template } from 'aws-cdk-lib/assertions';
import { FanoutTopic, FilterRoutedTopic } from '../../src/fanout';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

describe('FilterRoutedTopic defaults', () => {
  const stack = newStack();
  const routing = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });
  const template = Template.fromStack(stack);

  test('one queue per route value, each subscribed with an exact-match filter on the attribute', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', FilterPolicy: { orderStatus: ['submitted'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', FilterPolicy: { orderStatus: ['refunded'] } });
    expect(routing.routes).toEqual(['submitted', 'refunded']);
    expect(routing.routeQueue('submitted')).not.toBe(routing.routeQueue('refunded'));
  });

  test('a catch-all queue takes anything but the route values', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { orderStatus: [{ 'anything-but': ['submitted', 'refunded'] }] } });
    expect(routing.catchAllQueue).toBeDefined();
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs' }, 3);
  });

  test('every route has a subscription DLQ', () => {
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { RedrivePolicy: Match.anyValue() }, 3);
  });

  test('the topic is the routing fanout topic', () => {
    expect(routing.topic).toBe(routing.fanout.topic);
    expect(routing.attributeName).toBe('orderStatus');
  });

  test('an unknown route names the known ones', () => {
    expect(() => routing.routeQueue('shipped')).toThrow(/no route "shipped" \(routes: submitted, refunded\)/);
  });
});

describe('FilterRoutedTopic options', () => {
  test('catchAll: false adds no catch-all', () => {
    const stack = newStack();
    const routing = new FilterRoutedTopic(stack, 'R', { attributeName: 's', routes: ['a'], catchAll: false });
    expect(routing.catchAllQueue).toBeUndefined();
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs' }, 1);
  });

  test('routeOnMessageBody filters on the JSON body', () => {
    const stack = newStack();
    new FilterRoutedTopic(stack, 'R', { attributeName: 'orderStatus', routes: ['paid'], routeOnMessageBody: true, rawMessageDelivery: true });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      FilterPolicyScope: 'MessageBody', FilterPolicy: { orderStatus: ['paid'] }, RawMessageDelivery: true,
    });
  });

  test('two routings share one FanoutTopic without id clashes', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'Shared');
    new FilterRoutedTopic(stack, 'ByStatus', { attributeName: 'status', routes: ['a'], fanoutTopic: fanout });
    new FilterRoutedTopic(stack, 'ByRegion', { attributeName: 'region', routes: ['a'], fanoutTopic: fanout });
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs' }, 4);
  });

  test('a FIFO topic routes to FIFO queues', () => {
    const stack = newStack();
    const routing = new FilterRoutedTopic(stack, 'R', { attributeName: 's', routes: ['a'], topicProps: { fifo: true } });
    expect(routing.routeQueue('a').fifo).toBe(true);
  });

  test.each([
    [{ attributeName: ' ', routes: ['a'] }, /attributeName \(" "\); allowed: a non-empty attribute name/],
    [{ attributeName: 's', routes: [] }, /routes \("\[\]"\); allowed: at least one route value/],
    [{ attributeName: 's', routes: ['a', 'a'] }, /routes \("a"\); allowed: distinct route values/],
    [{ attributeName: 's', routes: [''] }, /routes \(""\); allowed: non-empty route values/],
  ])('invalid props are rejected: %j', (props, message) => {
    expect(() => new FilterRoutedTopic(newStack(), 'R', props)).toThrow(message);
  });

  test('topicProps with fanoutTopic is rejected', () => {
    const stack = newStack();
    expect(() => new FilterRoutedTopic(stack, 'R', { attributeName: 's', routes: ['a'], fanoutTopic: new FanoutTopic(stack, 'F'), topicProps: {} }))
      .toThrow(/topicProps .*allowed: topicProps only when the construct creates the topic/);
  });
});

describe.each(APP_VARIANTS)('FilterRoutedTopic with %s', (_name, makeApp) => {
  test('zero cdk-nag errors and no warnings', () => {
    const stack = newStack(makeApp());
    new FilterRoutedTopic(stack, 'R', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});
