import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addBrokerExamples } from '../../examples/broker';
import { StableSnapshot } from '../../src';
import { nagErrors } from '../util/nag';

test('the broker example synthesizes nag-clean with one ActiveMQ and one RabbitMQ broker', () => {
  const app = new App();
  addBrokerExamples(app);
  const stack = app.node.findChild('MessageBrokerExample') as any;
  expect(nagErrors(app)).toEqual([]);
  const template = Template.fromStack(stack);
  const engines = Object.values(template.findResources('AWS::AmazonMQ::Broker')).map(b => `${b.Properties.EngineType}/${b.Properties.DeploymentMode}`);
  expect(engines.sort()).toEqual(['ACTIVEMQ/ACTIVE_STANDBY_MULTI_AZ', 'RABBITMQ/CLUSTER_MULTI_AZ']);
  expect(StableSnapshot.of(stack)).toMatchSnapshot();
});
