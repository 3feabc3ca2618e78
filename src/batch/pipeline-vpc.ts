import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createEncryptedLogGroup } from './pipeline-logs';
import { acknowledgeRules, ManagedPolicyRole } from '../core';

const VPC_CIDR = '10.0.0.0/16';

/**
 * The VPC the pipeline creates when none is passed: two AZs, jobs and the submitter in private subnets, flow logs
 * to an encrypted log group, free gateway endpoints for S3 and DynamoDB (job input and output stay off the NAT).
 *
 * With NAT gateways (the default, one) jobs can pull images from any registry. With `natGateways: 0` there is no
 * internet gateway at all: subnets are isolated and interface endpoints reach ECR, CloudWatch Logs and Batch, so
 * images must come from ECR in the same region.
 */
export function createPipelineVpc(scope: Construct, natGateways: number, key: kms.IKey, retention: logs.RetentionDays): ec2.Vpc {
  const isolated = natGateways === 0;
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
    maxAzs: 2,
    natGateways,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: isolated
      ? [{ name: 'Jobs', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }]
      : [
        // Only the NAT gateways live here; nothing launched in them gets a public IP by default.
        { name: 'Egress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Jobs', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
    gatewayEndpoints: {
      S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
    },
  });
  const flowLogRole = new ManagedPolicyRole(vpc, 'FlowLogRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
  vpc.addFlowLog('FlowLog', {
    destination: ec2.FlowLogDestination.toCloudWatchLogs(createEncryptedLogGroup(vpc, 'FlowLogGroup', key, retention), flowLogRole),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });

  if (isolated) {
    // One security group for all endpoints, HTTPS from inside the VPC only (a literal CIDR, so the rule is reviewable).
    const endpointSecurityGroup = new ec2.SecurityGroup(vpc, 'EndpointSecurityGroup', {
      vpc,
      description: 'HTTPS from the pipeline VPC to its interface endpoints',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(443), 'HTTPS from the pipeline VPC');
    const services = {
      Ecr: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      Batch: ec2.InterfaceVpcEndpointAwsService.BATCH,
    };
    for (const [id, service] of Object.entries(services)) {
      vpc.addInterfaceEndpoint(`${id}Endpoint`, { service, privateDnsEnabled: true, open: false, securityGroups: [endpointSecurityGroup] });
    }
  }

  for (const subnet of vpc.publicSubnets) {
    const route = subnet.node.tryFindChild('DefaultRoute');
    if (!route) continue;
    acknowledgeRules(route, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({
      id: `${pack}-VPCNoUnrestrictedRouteToIGW`,
      reason: 'The default route of the NAT gateway subnet must lead to the internet gateway for NAT to work; jobs and the submitter run in private subnets without public IPs.',
    })));
  }
  return vpc;
}
