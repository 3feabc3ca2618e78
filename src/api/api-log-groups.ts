import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../core';

/** Settings every log group of an API front door shares. */
export interface ApiLogGroupsProps {
  /** How long CloudWatch keeps the logs. */
  readonly retention: logs.RetentionDays;
  /** Customer managed key for the log groups; a rotating key is created when absent. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * The log groups of one API (access logs, execution logs, WAF logs), all with a retention period and a customer
 * managed KMS key: NIST 800-53 / HIPAA / PCI require both, and unencrypted or never-expiring logs are the default
 * API Gateway would otherwise give. One key per API keeps constructs independent (no cross-construct key cycles).
 */
export class ApiLogGroups extends Construct {
  /** The ARN without the trailing `:*` that `LogGroup.logGroupArn` carries; WAF logging rejects the suffixed form. */
  public static bareArn(logGroup: logs.ILogGroup): string {
    return Stack.of(logGroup).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  public readonly encryptionKey: kms.IKey;
  private readonly retention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: ApiLogGroupsProps) {
    super(scope, id);
    this.retention = props.retention;
    this.encryptionKey = props.encryptionKey ?? this.createKey();
  }

  /**
   * A log group encrypted with the API's key.
   * @param logGroupName physical name, required where AWS looks the group up by name (execution logs, WAF logs)
   */
  public logGroup(id: string, logGroupName?: string): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      logGroupName,
      retention: this.retention,
      encryptionKey: this.encryptionKey,
      // Audit logs outlive the stack that produced them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the logs of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts with the key on the writer's behalf, limited to this account's log groups in this Region.
    allowLogsToUseKey(this, key);
    return key;
  }
}
