import { Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appflow from 'aws-cdk-lib/aws-appflow';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  DataPullMode, IngestFieldFilter, IngestFieldMapping, IngestFileType, IngestPrefixFormat, IngestSchedule, IngestTrigger, SaasSource,
} from './ingest-options';
import { validateCredentialsKey, validateFilter, validateFlowName, validateStartSuspended, validateTrigger } from './validate-ingest-props';
import { createSecureBucket } from '../core/secure-bucket';
import { PropValidationError } from '../core/validation';

export interface AppFlowIngestProps {
  /** The SaaS application to read from. */
  readonly source: SaasSource;

  /**
   * The source object: a Salesforce object (`Account`) or event (`AccountChangeEvent` for ON_EVENT), a Slack
   * conversation (`conversations/C0123456`), a Zendesk or Marketo object (`tickets`, `leads`).
   */
  readonly object: string;

  /**
   * Name of an existing AppFlow connector profile for the source.
   * @default a connector profile is created from `credentials` and `instanceUrl`
   */
  readonly connectorProfileName?: string;

  /**
   * Secrets Manager secret holding the connection's OAuth credentials as JSON. Salesforce: `accessToken`,
   * `refreshToken`, and the secret itself is used as the client credentials secret (`clientId`, `clientSecret`).
   * Slack, Zendesk, Marketo: `clientId`, `clientSecret`, `accessToken`. For Salesforce AppFlow reads the secret
   * itself, so a `secretsmanager.Secret` must be encrypted with a customer managed key (`encryptionKey`); import an
   * existing secret with `Secret.fromSecretAttributes` and its `encryptionKey`, so that AppFlow is granted decrypt.
   * @default none; required unless `connectorProfileName` is given
   */
  readonly credentials?: secretsmanager.ISecret;

  /**
   * The SaaS instance URL (`https://example.my.salesforce.com`, `https://example.slack.com`, `https://example.zendesk.com`).
   * @default none; required when the construct creates the connector profile
   */
  readonly instanceUrl?: string;

  /**
   * When the flow runs. ON_EVENT is only valid for sources that push events (Salesforce).
   * @default IngestTrigger.ON_DEMAND
   */
  readonly trigger?: IngestTrigger;

  /**
   * Create a scheduled or event-triggered flow Suspended instead of Active. CloudFormation creates such a flow as a
   * Draft, which never runs, unless FlowStatus is set; this construct sets it to Active so the flow runs on its
   * trigger once deployed. Set this to create it Suspended and activate it later (console, StartFlow). Not valid for
   * ON_DEMAND flows, which run only when started.
   * @default false (ON_SCHEDULE and ON_EVENT flows are created Active)
   */
  readonly startSuspended?: boolean;

  /**
   * Schedule of an ON_SCHEDULE flow.
   * @default none; required when trigger is ON_SCHEDULE
   */
  readonly schedule?: IngestSchedule;

  /**
   * Fields to copy (projection and renaming).
   * @default every field of the object (map all)
   */
  readonly fieldMappings?: IngestFieldMapping[];

  /**
   * Record filters; all must hold for a record to be transferred.
   * @default no filters
   */
  readonly filters?: IngestFieldFilter[];

  /**
   * Destination bucket.
   * @default a new encrypted, versioned, TLS-only bucket with server access logs
   */
  readonly destinationBucket?: s3.IBucket;

  /**
   * Key prefix inside the destination bucket.
   * @default the flow name
   */
  readonly destinationPrefix?: string;

  /**
   * Output file format.
   * @default IngestFileType.JSON
   */
  readonly fileType?: IngestFileType;

  /**
   * Write each run into a time-partitioned folder of this granularity.
   * @default IngestPrefixFormat.DAY
   */
  readonly prefixFormat?: IngestPrefixFormat;

  /**
   * Aggregate each run's records into a single file.
   * @default false (AppFlow writes one file per batch of records)
   */
  readonly aggregateToSingleFile?: boolean;

  /**
   * Customer managed key for the flow, the connector profile and the created bucket.
   * @default a new key with rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Flow name.
   * @default derived from the construct path
   */
  readonly flowName?: string;

  /**
   * What happens to the created bucket and key when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Amazon AppFlow from a SaaS application into S3: the connector profile (or an existing one), the flow with its
 * trigger, field mapping, filters and projection, and an encrypted destination bucket whose policy admits AppFlow
 * from this account only.
 */
export class AppFlowIngest extends Construct {
  /** The flow (L1: aws-cdk-lib has no stable AppFlow L2). */
  public readonly flow: appflow.CfnFlow;
  /** The connector profile the construct created, if it created one. */
  public readonly connectorProfile?: appflow.CfnConnectorProfile;
  public readonly connectorProfileName: string;
  public readonly destinationBucket: s3.IBucket;
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: AppFlowIngestProps) {
    super(scope, id);
    const trigger = props.trigger ?? IngestTrigger.ON_DEMAND;
    validateTrigger(props.source, trigger, props.schedule);
    validateStartSuspended(trigger, props.startSuspended);
    validateFlowName(props.flowName);
    (props.filters ?? []).forEach(validateFilter);
    if (!props.connectorProfileName && (!props.credentials || !props.instanceUrl)) {
      throw new PropValidationError('AppFlowIngest', 'credentials/instanceUrl', 'missing',
        'either connectorProfileName (an existing profile) or both credentials and instanceUrl (to create one)');
    }
    if (props.instanceUrl && !/^https:\/\//.test(props.instanceUrl)) {
      throw new PropValidationError('AppFlowIngest', 'instanceUrl', props.instanceUrl, 'an https:// URL of the SaaS instance');
    }
    if (!props.connectorProfileName) validateCredentialsKey(props.source, props.credentials!);

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: `AppFlow ingest ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    this.destinationBucket = props.destinationBucket
      ?? createSecureBucket(this, 'Destination', { encryptionKey: this.encryptionKey, removalPolicy }).bucket;
    this.allowAppFlowToWrite();

    const flowName = props.flowName ?? Names.uniqueResourceName(this, { maxLength: 256, separator: '-' });
    if (props.connectorProfileName) {
      this.connectorProfileName = props.connectorProfileName;
    } else {
      this.connectorProfile = this.createConnectorProfile(props, `${flowName}-profile`.slice(0, 256));
      this.connectorProfileName = this.connectorProfile.connectorProfileName;
    }

    const connectorKey = CONNECTOR_KEY[props.source];
    this.flow = new appflow.CfnFlow(this, 'Resource', {
      flowName,
      description: `Ingest ${props.source} ${props.object} into S3`,
      kmsArn: this.encryptionKey.keyArn,
      triggerConfig: this.triggerConfig(trigger, props.schedule),
      // Without FlowStatus a scheduled or event-triggered flow is created as a Draft and never runs.
      flowStatus: trigger === IngestTrigger.ON_DEMAND ? undefined : props.startSuspended ? 'Suspended' : 'Active',
      sourceFlowConfig: {
        connectorType: props.source,
        connectorProfileName: this.connectorProfileName,
        sourceConnectorProperties: { [connectorKey]: { object: props.object } },
        ...(trigger === IngestTrigger.ON_SCHEDULE && (props.schedule?.pullMode ?? DataPullMode.INCREMENTAL) === DataPullMode.INCREMENTAL
          && props.source === SaasSource.SALESFORCE
          ? { incrementalPullConfig: { datetimeTypeFieldName: 'LastModifiedDate' } } : {}),
      },
      destinationFlowConfigList: [{
        connectorType: 'S3',
        destinationConnectorProperties: {
          s3: {
            bucketName: this.destinationBucket.bucketName,
            bucketPrefix: props.destinationPrefix ?? flowName,
            s3OutputFormatConfig: {
              fileType: props.fileType ?? IngestFileType.JSON,
              prefixConfig: { prefixType: 'PATH', prefixFormat: props.prefixFormat ?? IngestPrefixFormat.DAY },
              aggregationConfig: { aggregationType: props.aggregateToSingleFile ? 'SingleFile' : 'None' },
            },
          },
        },
      }],
      tasks: buildTasks(props.source, props.fieldMappings, props.filters),
    });
    if (this.connectorProfile) this.flow.node.addDependency(this.connectorProfile);
    // AppFlow validates write access to the bucket when the flow is created.
    const policy = this.destinationBucket.policy;
    if (policy) this.flow.node.addDependency(policy);
  }

  private triggerConfig(trigger: IngestTrigger, schedule: IngestSchedule | undefined): appflow.CfnFlow.TriggerConfigProperty {
    if (trigger !== IngestTrigger.ON_SCHEDULE || !schedule) return { triggerType: trigger };
    return {
      triggerType: trigger,
      triggerProperties: {
        scheduleExpression: schedule.expression,
        dataPullMode: schedule.pullMode ?? DataPullMode.INCREMENTAL,
        timeZone: schedule.timeZone ?? 'UTC',
      },
    };
  }

  /** The bucket policy AppFlow needs for an S3 destination, admitting only this account's flows. */
  private allowAppFlowToWrite(): void {
    const principal = new iam.ServicePrincipal('appflow.amazonaws.com');
    const account = Stack.of(this).account;
    this.destinationBucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads', 's3:GetBucketAcl', 's3:PutObjectAcl'],
      resources: [this.destinationBucket.bucketArn, this.destinationBucket.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }));
    this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }));
  }

  private createConnectorProfile(props: AppFlowIngestProps, name: string): appflow.CfnConnectorProfile {
    const secret = props.credentials!;
    const field = (key: string) => secret.secretValueFromJson(key).unsafeUnwrap(); // CloudFormation dynamic references
    let credentials: appflow.CfnConnectorProfile.ConnectorProfileCredentialsProperty;
    let properties: appflow.CfnConnectorProfile.ConnectorProfilePropertiesProperty;
    switch (props.source) {
      case SaasSource.SALESFORCE:
        credentials = { salesforce: { accessToken: field('accessToken'), refreshToken: field('refreshToken'), clientCredentialsArn: secret.secretArn } };
        properties = { salesforce: { instanceUrl: props.instanceUrl, isSandboxEnvironment: false } };
        // AppFlow reads the client credentials secret itself.
        secret.grantRead(new iam.ServicePrincipal('appflow.amazonaws.com'));
        break;
      case SaasSource.SLACK:
        credentials = { slack: { clientId: field('clientId'), clientSecret: field('clientSecret'), accessToken: field('accessToken') } };
        properties = { slack: { instanceUrl: props.instanceUrl! } };
        break;
      case SaasSource.ZENDESK:
        credentials = { zendesk: { clientId: field('clientId'), clientSecret: field('clientSecret'), accessToken: field('accessToken') } };
        properties = { zendesk: { instanceUrl: props.instanceUrl! } };
        break;
      case SaasSource.MARKETO:
        credentials = { marketo: { clientId: field('clientId'), clientSecret: field('clientSecret'), accessToken: field('accessToken') } };
        properties = { marketo: { instanceUrl: props.instanceUrl! } };
        break;
    }
    return new appflow.CfnConnectorProfile(this, 'ConnectorProfile', {
      connectorProfileName: name,
      connectorType: props.source,
      connectionMode: 'Public',
      kmsArn: this.encryptionKey.keyArn,
      connectorProfileConfig: { connectorProfileCredentials: credentials, connectorProfileProperties: properties },
    });
  }
}

/** The key of each connector in AppFlow's per-connector property bags (ConnectorOperator, SourceConnectorProperties). */
const CONNECTOR_KEY: Record<SaasSource, 'salesforce' | 'slack' | 'zendesk' | 'marketo'> = {
  [SaasSource.SALESFORCE]: 'salesforce',
  [SaasSource.SLACK]: 'slack',
  [SaasSource.ZENDESK]: 'zendesk',
  [SaasSource.MARKETO]: 'marketo',
};

/**
 * AppFlow tasks: a PROJECTION filter naming the source fields, one Map task per field, one Filter task per filter;
 * with no mappings, a single Map_all task (every field, names unchanged).
 */
function buildTasks(
  source: SaasSource, mappings: IngestFieldMapping[] | undefined, filters: IngestFieldFilter[] | undefined,
): appflow.CfnFlow.TaskProperty[] {
  const key = CONNECTOR_KEY[source];
  const tasks: appflow.CfnFlow.TaskProperty[] = [];
  if (!mappings || mappings.length === 0) {
    tasks.push({ taskType: 'Map_all', sourceFields: [], connectorOperator: { [key]: 'NO_OP' }, taskProperties: [{ key: 'EXCLUDE_SOURCE_FIELDS_LIST', value: '[]' }] });
  } else {
    tasks.push({ taskType: 'Filter', sourceFields: mappings.map(m => m.source), connectorOperator: { [key]: 'PROJECTION' } });
    for (const m of mappings) {
      tasks.push({
        taskType: 'Map',
        sourceFields: [m.source],
        destinationField: m.destination ?? m.source,
        connectorOperator: { [key]: 'NO_OP' },
        taskProperties: [{ key: 'SOURCE_DATA_TYPE', value: 'string' }, { key: 'DESTINATION_DATA_TYPE', value: 'string' }],
      });
    }
  }
  for (const f of filters ?? []) {
    const bounds = f.values.length === 2
      ? [{ key: 'LOWER_BOUND', value: f.values[0] }, { key: 'UPPER_BOUND', value: f.values[1] }]
      : [{ key: 'VALUES', value: f.values[0] }];
    tasks.push({
      taskType: 'Filter',
      sourceFields: [f.field],
      connectorOperator: { [key]: f.operator },
      taskProperties: [{ key: 'DATA_TYPE', value: f.dataType ?? 'string' }, ...bounds],
    });
  }
  return tasks;
}
