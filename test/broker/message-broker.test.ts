import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BrokerDeploymentMode, BrokerEngine, MaintenanceDay, MessageBroker } from '../../src';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

function template(build: (stack: Stack) => void): Template {
  const stack = newStack();
  build(stack);
  return Template.fromStack(stack);
}

describe('MessageBroker defaults', () => {
  test('ActiveMQ by default, active/standby across two AZs, never publicly accessible', () => {
    const t = template(s => new MessageBroker(s, 'Broker'));
    t.hasResourceProperties('AWS::AmazonMQ::Broker', {
      EngineType: 'ACTIVEMQ',
      EngineVersion: '5.18',
      DeploymentMode: 'ACTIVE_STANDBY_MULTI_AZ',
      HostInstanceType: 'mq.m5.large',
      PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true,
      Logs: { General: true, Audit: true },
      MaintenanceWindowStartTime: { DayOfWeek: 'SUNDAY', TimeOfDay: '03:00', TimeZone: 'UTC' },
      EncryptionOptions: { UseAwsOwnedKey: false, KmsKeyId: Match.anyValue() },
    });
    const broker = Object.values(t.findResources('AWS::AmazonMQ::Broker'))[0];
    expect(broker.Properties.SubnetIds).toHaveLength(2);
  });

  test('the created VPC has only isolated private subnets and flow logs', () => {
    const t = template(s => new MessageBroker(s, 'Broker'));
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::FlowLog', 1);
    for (const subnet of Object.values(t.findResources('AWS::EC2::Subnet'))) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
  });

  test('credentials live in Secrets Manager and reach the broker as a dynamic reference', () => {
    const t = template(s => new MessageBroker(s, 'Broker'));
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', PasswordLength: 32, SecretStringTemplate: '{"username":"mqadmin"}' }),
    });
    const broker = Object.values(t.findResources('AWS::AmazonMQ::Broker'))[0];
    expect(JSON.stringify(broker.Properties.Users[0].Password)).toContain('{{resolve:secretsmanager:');
    expect(broker.Properties.Users[0].Username).toBe('mqadmin');
  });

  test('the broker security group admits only the client security group, on the engine TLS ports, and has no egress', () => {
    const t = template(s => new MessageBroker(s, 'Broker'));
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map(r => r.Properties);
    expect(ingress.map(r => r.FromPort).sort((a: number, b: number) => a - b)).toEqual([5671, 8162, 8883, 61614, 61617, 61619]);
    for (const rule of ingress) {
      expect(rule.SourceSecurityGroupId['Fn::GetAtt'][0]).toMatch(/^BrokerClientSecurityGroup/);
      expect(rule.CidrIp).toBeUndefined();
    }
    const brokerSg = Object.entries(t.findResources('AWS::EC2::SecurityGroup')).find(([id]) => id.startsWith('BrokerSecurityGroup'))![1];
    expect(brokerSg.Properties.SecurityGroupEgress[0].CidrIp).toBe('255.255.255.255/32'); // aws-cdk-lib's "no egress" marker
  });

  test('RabbitMQ defaults to a cluster with general logs and the AWS owned key', () => {
    const t = template(s => new MessageBroker(s, 'Broker', { engine: BrokerEngine.RABBITMQ }));
    t.hasResourceProperties('AWS::AmazonMQ::Broker', {
      EngineType: 'RABBITMQ',
      EngineVersion: '3.13',
      DeploymentMode: 'CLUSTER_MULTI_AZ',
      Logs: { General: true },
      EncryptionOptions: { UseAwsOwnedKey: true },
    });
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map(r => r.Properties.FromPort);
    expect(ingress.sort()).toEqual([443, 5671]);
  });

  test('a CloudWatch Logs resource policy lets Amazon MQ write broker logs', () => {
    const t = template(s => new MessageBroker(s, 'Broker'));
    const policy = Object.values(t.findResources('AWS::Logs::ResourcePolicy'))[0];
    const doc = JSON.stringify(policy.Properties.PolicyDocument);
    expect(doc).toContain('\\"Service\\":\\"mq.amazonaws.com\\"');
    expect(doc).toContain('\\"Action\\":[\\"logs:CreateLogStream\\",\\"logs:PutLogEvents\\"]');
    expect(doc).toContain('log-group:/aws/amazonmq/*');
  });

  test('single instance uses one subnet; user settings pass through', () => {
    const t = template(s => new MessageBroker(s, 'Broker', {
      deploymentMode: BrokerDeploymentMode.SINGLE_INSTANCE,
      instanceType: 'mq.t3.micro',
      brokerName: 'orders-broker',
      maintenanceWindow: { dayOfWeek: MaintenanceDay.WEDNESDAY, timeOfDay: '22:30', timeZone: 'Europe/Berlin' },
    }));
    const broker = Object.values(t.findResources('AWS::AmazonMQ::Broker'))[0].Properties;
    expect(broker.SubnetIds).toHaveLength(1);
    expect(broker.BrokerName).toBe('orders-broker');
    expect(broker.MaintenanceWindowStartTime).toEqual({ DayOfWeek: 'WEDNESDAY', TimeOfDay: '22:30', TimeZone: 'Europe/Berlin' });
  });

  test.each(APP_VARIANTS)('zero cdk-nag errors in all four packs and no warnings (%s)', (_name, makeApp) => {
    for (const engine of [BrokerEngine.ACTIVEMQ, BrokerEngine.RABBITMQ]) {
      const stack = newStack(makeApp(), `S${engine}`);
      new MessageBroker(stack, 'Broker', { engine });
      expect(nagErrors(stack)).toEqual([]);
      expect(synthWarnings(stack)).toEqual([]);
    }
  });
});

describe('MessageBroker validation', () => {
  const build = (props: any) => () => new MessageBroker(newStack(new App()), 'Broker', props);

  test('ActiveMQ cannot be a cluster and RabbitMQ cannot be active/standby', () => {
    expect(build({ deploymentMode: BrokerDeploymentMode.CLUSTER_MULTI_AZ })).toThrow(
      /deploymentMode \("CLUSTER_MULTI_AZ"\).*for ACTIVEMQ: SINGLE_INSTANCE or ACTIVE_STANDBY_MULTI_AZ/);
    expect(build({ engine: BrokerEngine.RABBITMQ, deploymentMode: BrokerDeploymentMode.ACTIVE_STANDBY_MULTI_AZ })).toThrow(
      /deploymentMode \("ACTIVE_STANDBY_MULTI_AZ"\).*for RABBITMQ: SINGLE_INSTANCE or CLUSTER_MULTI_AZ/);
  });

  test('micro instances are single-instance only', () => {
    expect(build({ instanceType: 'mq.t3.micro' })).toThrow(/instanceType \("mq.t3.micro"\).*SINGLE_INSTANCE brokers only/);
    expect(build({ engine: BrokerEngine.RABBITMQ, instanceType: 'mq.t3.micro' })).toThrow(/SINGLE_INSTANCE brokers only/);
  });

  test('unknown instance types are rejected with the list', () => {
    expect(build({ instanceType: 'm5.large' })).toThrow(/instanceType \("m5.large"\).*one of mq.t3.micro, mq.m5.large/);
  });

  test('broker name, username and maintenance time are checked', () => {
    expect(build({ brokerName: 'has space' })).toThrow(/brokerName \("has space"\).*1 to 50 characters/);
    expect(build({ brokerName: 'x'.repeat(51) })).toThrow(/brokerName/);
    expect(build({ adminUsername: 'a' })).toThrow(/adminUsername \("a"\).*2 to 100 characters/);
    expect(build({ maintenanceWindow: { dayOfWeek: MaintenanceDay.MONDAY, timeOfDay: '25:00' } })).toThrow(
      /maintenanceWindow.timeOfDay \("25:00"\).*HH:MM/);
  });


  test('public subnets are rejected', () => {
    const stack = newStack(new App());
    const vpc = new ec2.Vpc(stack, 'Vpc');
    expect(() => new MessageBroker(stack, 'Broker', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(
      /vpcSubnets.subnetType \("Public"\).*never publicly reachable/);
  });

  test('active/standby needs two AZs', () => {
    const stack = new Stack(new App(), 'OneAz', { env: { account: '123456789012', region: 'us-east-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    expect(() => new MessageBroker(stack, 'Broker', { vpc })).toThrow(/needs 2 private subnets in different Availability Zones/);
  });
});
