import { Token } from 'aws-cdk-lib';
import { BrokerDeploymentMode, BrokerEngine, BrokerMaintenanceWindow } from './broker-options';
import { PropValidationError } from '../core/validation';

const NAME = 'MessageBroker';

/**
 * Instance types per engine, from the Amazon MQ developer guide's "Broker instance types" tables. Micro instances
 * are for evaluation and support single-instance brokers only; RabbitMQ clusters need m5 or m7g.
 */
const INSTANCE_TYPES: Record<BrokerEngine, readonly string[]> = {
  [BrokerEngine.ACTIVEMQ]: [
    'mq.t3.micro', 'mq.m5.large', 'mq.m5.xlarge', 'mq.m5.2xlarge', 'mq.m5.4xlarge',
    'mq.m7g.medium', 'mq.m7g.large', 'mq.m7g.xlarge', 'mq.m7g.2xlarge', 'mq.m7g.4xlarge', 'mq.m7g.8xlarge', 'mq.m7g.12xlarge', 'mq.m7g.16xlarge',
  ],
  [BrokerEngine.RABBITMQ]: [
    'mq.t3.micro', 'mq.m5.large', 'mq.m5.xlarge', 'mq.m5.2xlarge', 'mq.m5.4xlarge',
    'mq.m7g.medium', 'mq.m7g.large', 'mq.m7g.xlarge', 'mq.m7g.2xlarge', 'mq.m7g.4xlarge', 'mq.m7g.8xlarge', 'mq.m7g.12xlarge', 'mq.m7g.16xlarge',
  ],
};

const MODES: Record<BrokerEngine, readonly BrokerDeploymentMode[]> = {
  [BrokerEngine.ACTIVEMQ]: [BrokerDeploymentMode.SINGLE_INSTANCE, BrokerDeploymentMode.ACTIVE_STANDBY_MULTI_AZ],
  [BrokerEngine.RABBITMQ]: [BrokerDeploymentMode.SINGLE_INSTANCE, BrokerDeploymentMode.CLUSTER_MULTI_AZ],
};

export function validateEngineCombination(engine: BrokerEngine, mode: BrokerDeploymentMode, instanceType: string): void {
  if (!MODES[engine].includes(mode)) {
    throw new PropValidationError(NAME, 'deploymentMode', mode, `for ${engine}: ${MODES[engine].join(' or ')}`
      + (mode === BrokerDeploymentMode.CLUSTER_MULTI_AZ ? ' (clusters are a RabbitMQ deployment; ActiveMQ uses ACTIVE_STANDBY_MULTI_AZ)' : '')
      + (mode === BrokerDeploymentMode.ACTIVE_STANDBY_MULTI_AZ ? ' (active/standby is an ActiveMQ deployment; RabbitMQ uses CLUSTER_MULTI_AZ)' : ''));
  }
  if (Token.isUnresolved(instanceType)) return;
  if (!INSTANCE_TYPES[engine].includes(instanceType)) {
    throw new PropValidationError(NAME, 'instanceType', instanceType, `for ${engine}: one of ${INSTANCE_TYPES[engine].join(', ')}`);
  }
  if (instanceType.endsWith('.micro') && mode !== BrokerDeploymentMode.SINGLE_INSTANCE) {
    throw new PropValidationError(NAME, 'instanceType', instanceType,
      `${instanceType} supports SINGLE_INSTANCE brokers only (evaluation); ${mode} needs an m5 or m7g instance type such as mq.m5.large`);
  }
}

/** Broker names: 1-50 characters, letters, digits, hyphens and underscores (no spaces or special characters). */
export function validateBrokerName(name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (!/^[A-Za-z0-9_-]{1,50}$/.test(name)) {
    throw new PropValidationError(NAME, 'brokerName', name, '1 to 50 characters: letters, digits, hyphens (-) and underscores (_)');
  }
}

/** Amazon MQ usernames: 2-100 characters; letters, digits, and - . _ ~ only. */
export function validateUsername(username: string): void {
  if (Token.isUnresolved(username)) return;
  if (!/^[A-Za-z0-9._~-]{2,100}$/.test(username)) {
    throw new PropValidationError(NAME, 'adminUsername', username, '2 to 100 characters: letters, digits, hyphens, periods, underscores and tildes');
  }
}

export function validateMaintenanceWindow(window: BrokerMaintenanceWindow | undefined): void {
  if (!window || Token.isUnresolved(window.timeOfDay)) return;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(window.timeOfDay)) {
    throw new PropValidationError(NAME, 'maintenanceWindow.timeOfDay', window.timeOfDay, 'a 24-hour time HH:MM, from 00:00 to 23:59');
  }
}
