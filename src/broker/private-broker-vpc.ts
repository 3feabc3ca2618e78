import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../core';

export interface PrivateBrokerVpcProps {
  /** Key that encrypts the flow log group. */
  readonly encryptionKey: kms.IKey;
}

/**
 * A VPC with isolated subnets only (no internet gateway, no NAT) in up to three AZs, and VPC flow logs to an
 * encrypted log group written through a managed (not inline) policy, as NIST 800-53, HIPAA and PCI DSS expect.
 */
export class PrivateBrokerVpc extends Construct {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: PrivateBrokerVpcProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Resource', {
      maxAzs: 3,
      natGateways: 0,
      // The default security group must allow nothing (NIST/HIPAA/PCI VPCDefaultSecurityGroupClosed).
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [{ name: 'broker', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });

    allowLogsToUseKey(this, props.encryptionKey);
    const logGroup = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: props.encryptionKey,
      retention: logs.RetentionDays.ONE_YEAR,
    });
    const role = new iam.Role(this, 'FlowLogRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
    role.addManagedPolicy(new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.logGroupArn], // the log group's Arn attribute already ends in ':*' (its streams)
      })],
    }));
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role.withoutPolicyUpdates()),
    });
  }
}
