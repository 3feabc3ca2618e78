import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addFanoutExamples } from '../../examples/fanout';
import { StableSnapshot } from '../../src';
import { synthWarnings } from '../util/apps';
import { allPacks, nagErrors } from '../util/nag';

describe('fanout examples', () => {
  const app = new App();
  addFanoutExamples(app);
  const stack = (id: string) => app.node.findChild(id) as Stack;
  const ids = ['FanoutExample', 'FilterRoutingExample', 'S3EventFanoutExample', 'FirehoseArchiveExample'];

  test('the four stacks synthesize with zero cdk-nag errors and no warnings', () => {
    expect(app.node.children.map(c => c.node.id)).toEqual(ids);
    expect(nagErrors(app)).toEqual([]);
    for (const id of ids) expect(synthWarnings(stack(id))).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('FanoutExample: one encrypted topic, two subscribed queues with subscription DLQs, a payload bucket', () => {
    const template = Template.fromStack(stack('FanoutExample'));
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs', RedrivePolicy: Match.anyValue() }, 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { RawMessageDelivery: true });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 14 })] } });
  });

  test('FilterRoutingExample: submitted, refunded and anything else', () => {
    const template = Template.fromStack(stack('FilterRoutingExample'));
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { orderStatus: ['submitted'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { orderStatus: ['refunded'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { orderStatus: [{ 'anything-but': ['submitted', 'refunded'] }] } });
  });

  test('S3EventFanoutExample: orders/*.json creation events reach the topic', () => {
    Template.fromStack(stack('S3EventFanoutExample')).hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        TopicConfigurations: [Match.objectLike({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.json' }, { Name: 'prefix', Value: 'orders/' }] } },
        })],
      },
    });
  });

  test('FirehoseArchiveExample: an encrypted stream archiving under orders/', () => {
    Template.fromStack(stack('FirehoseArchiveExample')).hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: Match.objectLike({ KeyType: 'CUSTOMER_MANAGED_CMK' }),
      ExtendedS3DestinationConfiguration: Match.objectLike({ Prefix: 'orders/' }),
    });
  });

  test('synthesizes with the four cdk-nag packs as validation plugins, as the example app runs them', () => {
    const pluginApp = new App();
    Validations.of(pluginApp).addPlugins(...allPacks());
    addFanoutExamples(pluginApp);
    expect(() => pluginApp.synth()).not.toThrow();
  });

  test.each(['FanoutExample', 'FilterRoutingExample', 'S3EventFanoutExample', 'FirehoseArchiveExample'])('%s snapshot', (id) => {
    expect(StableSnapshot.of(stack(id))).toMatchSnapshot();
  });
});
