import { App, Stack } from 'aws-cdk-lib';
import { BrokerEngine, MessageBroker } from '../src';

/** Amazon MQ: an ActiveMQ active/standby pair and a RabbitMQ cluster, each in its own private VPC. */
export function addBrokerExamples(app: App): void {
  const stack = new Stack(app, 'MessageBrokerExample');
  new MessageBroker(stack, 'ActiveMq', { engine: BrokerEngine.ACTIVEMQ });
  new MessageBroker(stack, 'RabbitMq', { engine: BrokerEngine.RABBITMQ });
}
