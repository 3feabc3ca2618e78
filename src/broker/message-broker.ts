import { ArnFormat, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as amazonmq from 'aws-cdk-lib/aws-amazonmq';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { BrokerDeploymentMode, BrokerEngine, BrokerMaintenanceWindow, MaintenanceDay } from './broker-options';
import { DEFAULT_ENGINE_VERSION, ENGINE_PORTS } from './engine-facts';
import { PrivateBrokerVpc } from './private-broker-vpc';
import { validateBrokerName, validateEngineCombination, validateMaintenanceWindow, validateUsername } from './validate-broker-props';
import { acknowledgeRules } from '../core/nag';
import { PropValidationError } from '../core/validation';

export interface MessageBrokerProps {
  /**
   * Broker engine.
   * @default BrokerEngine.ACTIVEMQ
   */
  readonly engine?: BrokerEngine;

  /**
   * Engine version in `major.minor` form; Amazon MQ applies patch versions automatically.
   * @default '5.18' for ActiveMQ, '3.13' for RabbitMQ
   */
  readonly engineVersion?: string;

  /**
   * Deployment mode. ActiveMQ: SINGLE_INSTANCE or ACTIVE_STANDBY_MULTI_AZ; RabbitMQ: SINGLE_INSTANCE or CLUSTER_MULTI_AZ.
   * @default ACTIVE_STANDBY_MULTI_AZ for ActiveMQ, CLUSTER_MULTI_AZ for RabbitMQ (the highly available modes)
   */
  readonly deploymentMode?: BrokerDeploymentMode;

  /**
   * Broker instance type (`mq.m5.large`, `mq.m7g.large`, ...). `mq.t3.micro` supports SINGLE_INSTANCE only.
   * @default 'mq.m5.large'
   */
  readonly instanceType?: string;

  /**
   * Broker name: 1 to 50 letters, digits, hyphens and underscores.
   * @default a name derived from the construct path
   */
  readonly brokerName?: string;

  /**
   * The VPC the broker lives in. The broker is never publicly accessible.
   * @default a new VPC with isolated private subnets in up to three AZs and VPC flow logs
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Private subnets for the broker. Public subnets are rejected.
   * @default the VPC's private subnets (with egress, else isolated), one per AZ
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Extra peers allowed to connect to the broker's TLS listener ports (for example a CIDR of an on-premises network).
   * Applications in the VPC should rather join `clientSecurityGroup`.
   * @default only members of `clientSecurityGroup`
   */
  readonly allowedPeers?: ec2.IPeer[];

  /**
   * Username of the administrative user; its generated password is stored in Secrets Manager.
   * @default 'mqadmin'
   */
  readonly adminUsername?: string;

  /**
   * Customer managed KMS key for the credentials secret, the created VPC's flow logs and, for ActiveMQ, the broker's
   * storage (Amazon MQ for RabbitMQ always encrypts broker storage with an AWS owned key).
   * @default a new key with rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Weekly maintenance window.
   * @default Sunday 03:00 UTC
   */
  readonly maintenanceWindow?: BrokerMaintenanceWindow;

  /**
   * Apply minor engine versions automatically in the maintenance window.
   * @default true
   */
  readonly autoMinorVersionUpgrade?: boolean;

  /**
   * What happens to the credentials secret and key when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An Amazon MQ broker (ActiveMQ active/standby or RabbitMQ cluster) on private networking only: a security group
 * that opens only the engine's TLS ports to the allowed peers, credentials in Secrets Manager, logs to CloudWatch
 * Logs, a maintenance window, and encryption at rest.
 */
export class MessageBroker extends Construct {
  /** The broker (L1: aws-cdk-lib has no stable Amazon MQ L2). */
  public readonly broker: amazonmq.CfnBroker;
  public readonly vpc: ec2.IVpc;
  public readonly securityGroup: ec2.SecurityGroup;
  /** Connections of the broker, for `broker.connections.allowFrom(...)`. */
  public readonly connections: ec2.Connections;
  /** The administrative user's credentials (`username`, `password` JSON keys). */
  public readonly credentials: secretsmanager.Secret;
  /** Security group whose members may connect to the broker: add your producers and consumers to it. */
  public readonly clientSecurityGroup: ec2.SecurityGroup;
  /** The customer managed key of the secret, the flow logs and (ActiveMQ) the broker storage. */
  public readonly encryptionKey: kms.IKey;
  public readonly engine: BrokerEngine;
  public readonly deploymentMode: BrokerDeploymentMode;

  constructor(scope: Construct, id: string, props: MessageBrokerProps = {}) {
    super(scope, id);
    this.engine = props.engine ?? BrokerEngine.ACTIVEMQ;
    this.deploymentMode = props.deploymentMode
      ?? (this.engine === BrokerEngine.ACTIVEMQ ? BrokerDeploymentMode.ACTIVE_STANDBY_MULTI_AZ : BrokerDeploymentMode.CLUSTER_MULTI_AZ);
    const instanceType = props.instanceType ?? 'mq.m5.large';
    const adminUsername = props.adminUsername ?? 'mqadmin';
    validateEngineCombination(this.engine, this.deploymentMode, instanceType);
    validateBrokerName(props.brokerName);
    validateUsername(adminUsername);
    validateMaintenanceWindow(props.maintenanceWindow);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: `Credentials, flow logs and storage of the ${this.engine} broker ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    });

    this.vpc = props.vpc ?? new PrivateBrokerVpc(this, 'Vpc', { encryptionKey: this.encryptionKey }).vpc;
    const subnets = this.selectSubnets(props.vpcSubnets);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: `${this.engine} broker: TLS listener ports only`,
      allowAllOutbound: false,
    });
    this.clientSecurityGroup = new ec2.SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: this.vpc,
      description: `Clients of the ${this.engine} broker ${this.node.path}`,
      allowAllOutbound: false,
    });
    for (const peer of [this.clientSecurityGroup, ...(props.allowedPeers ?? [])]) {
      for (const { port, protocol } of ENGINE_PORTS[this.engine]) {
        this.securityGroup.addIngressRule(peer, ec2.Port.tcp(port), `${protocol} (TLS)`);
      }
    }
    for (const { port, protocol } of ENGINE_PORTS[this.engine]) {
      this.clientSecurityGroup.addEgressRule(this.securityGroup, ec2.Port.tcp(port), `${protocol} (TLS) to the broker`);
    }
    this.connections = new ec2.Connections({
      securityGroups: [this.securityGroup],
      defaultPort: ec2.Port.tcp(ENGINE_PORTS[this.engine][0].port),
    });

    this.credentials = new secretsmanager.Secret(this, 'Credentials', {
      description: `Administrative user of the ${this.engine} broker ${this.node.path}`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: adminUsername }),
        generateStringKey: 'password',
        // Amazon MQ passwords: at least 12 characters, at least 4 unique, no commas, colons or equal signs.
        passwordLength: 32,
        excludeCharacters: ',:=\'"\\/@ `',
      },
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });
    acknowledgeRules(this.credentials, [
      { id: 'AwsSolutions-SMG4', reason: 'Amazon MQ broker users cannot be rotated by Secrets Manager rotation; rotate by updating the broker user.' },
      { id: 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason: 'Amazon MQ broker users have no Secrets Manager rotation integration.' },
      { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: 'Amazon MQ broker users have no Secrets Manager rotation integration.' },
      { id: 'PCI.DSS.321-SecretsManagerRotationEnabled', reason: 'Amazon MQ broker users have no Secrets Manager rotation integration.' },
    ]);

    this.allowBrokerLogs();

    const window = props.maintenanceWindow ?? { dayOfWeek: MaintenanceDay.SUNDAY, timeOfDay: '03:00' };
    this.broker = new amazonmq.CfnBroker(this, 'Resource', {
      brokerName: props.brokerName ?? Names.uniqueResourceName(this, { maxLength: 50, separator: '-' }),
      engineType: this.engine,
      engineVersion: props.engineVersion ?? DEFAULT_ENGINE_VERSION[this.engine],
      deploymentMode: this.deploymentMode,
      hostInstanceType: instanceType,
      publiclyAccessible: false,
      autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? true,
      subnetIds: subnets,
      securityGroups: [this.securityGroup.securityGroupId],
      users: [{
        username: adminUsername,
        password: this.credentials.secretValueFromJson('password').unsafeUnwrap(), // a CloudFormation dynamic reference
        ...(this.engine === BrokerEngine.ACTIVEMQ ? { consoleAccess: true } : {}),
      }],
      logs: this.engine === BrokerEngine.ACTIVEMQ ? { general: true, audit: true } : { general: true },
      maintenanceWindowStartTime: {
        dayOfWeek: window.dayOfWeek,
        timeOfDay: window.timeOfDay,
        timeZone: window.timeZone ?? 'UTC',
      },
      encryptionOptions: this.engine === BrokerEngine.ACTIVEMQ
        ? { useAwsOwnedKey: false, kmsKeyId: this.encryptionKey.keyArn }
        : { useAwsOwnedKey: true },
    });
  }

  /** The broker id (`Ref`). */
  public get brokerId(): string {
    return this.broker.ref;
  }

  /** The broker ARN. */
  public get brokerArn(): string {
    return this.broker.attrArn;
  }

  /** Private subnets only, one per AZ; ActiveMQ active/standby takes exactly two, single instance exactly one. */
  private selectSubnets(selection: ec2.SubnetSelection | undefined): string[] {
    if (selection?.subnetType === ec2.SubnetType.PUBLIC) {
      throw new PropValidationError('MessageBroker', 'vpcSubnets.subnetType', selection.subnetType,
        'PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED: brokers are never publicly reachable');
    }
    const selected = this.vpc.selectSubnets({ onePerAz: true, ...(selection ?? this.defaultPrivateSelection()) });
    if (selected.subnets.some(s => this.vpc.publicSubnets.includes(s))) {
      throw new PropValidationError('MessageBroker', 'vpcSubnets', 'a selection containing public subnets', 'private subnets only');
    }
    const needed = this.deploymentMode === BrokerDeploymentMode.ACTIVE_STANDBY_MULTI_AZ ? 2
      : this.deploymentMode === BrokerDeploymentMode.SINGLE_INSTANCE ? 1 : undefined;
    const ids = selected.subnetIds;
    if (needed !== undefined) {
      if (ids.length < needed) {
        throw new PropValidationError('MessageBroker', 'vpcSubnets', `${ids.length} subnet(s) in distinct AZs`,
          `${this.deploymentMode} needs ${needed} private subnets in different Availability Zones`);
      }
      return ids.slice(0, needed);
    }
    return ids;
  }

  private defaultPrivateSelection(): ec2.SubnetSelection {
    return this.vpc.privateSubnets.length > 0
      ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }
      : { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  }

  /**
   * Amazon MQ writes broker logs to /aws/amazonmq/broker/* only if a CloudWatch Logs resource policy lets
   * mq.amazonaws.com do so (one policy per account and region is enough; it is keyed by the stack).
   */
  private allowBrokerLogs(): void {
    const stack = Stack.of(this);
    const id = 'AmazonMqLogsResourcePolicy';
    if (stack.node.tryFindChild(id)) return;
    new logs.ResourcePolicy(stack, id, {
      resourcePolicyName: `${stack.stackName}-AmazonMQ-logs`,
      policyStatements: [new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('mq.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/amazonmq/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      })],
    });
  }
}
