import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AppFlowIngest, AppFlowIngestProps, DataPullMode, IngestFileType, IngestFilterOperator, IngestTrigger, SaasSource,
} from '../../src';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

function ingest(props: Partial<AppFlowIngestProps> = {}, stack: Stack = newStack()): { stack: Stack; template: Template; construct: AppFlowIngest } {
  const credentials = props.credentials ?? secretsmanager.Secret.fromSecretNameV2(stack, 'Creds', 'salesforce/oauth');
  const construct = new AppFlowIngest(stack, 'Ingest', {
    source: SaasSource.SALESFORCE,
    object: 'Account',
    instanceUrl: 'https://example.my.salesforce.com',
    credentials,
    ...props,
  });
  return { stack, template: Template.fromStack(stack), construct };
}

describe('AppFlowIngest defaults', () => {
  test('an on-demand flow, mapping all fields, into the created bucket as JSON partitioned by day', () => {
    const { template } = ingest();
    template.hasResourceProperties('AWS::AppFlow::Flow', {
      TriggerConfig: { TriggerType: 'OnDemand' },
      SourceFlowConfig: { ConnectorType: 'Salesforce', SourceConnectorProperties: { Salesforce: { Object: 'Account' } } },
      DestinationFlowConfigList: [{
        ConnectorType: 'S3',
        DestinationConnectorProperties: {
          S3: Match.objectLike({
            S3OutputFormatConfig: { FileType: 'JSON', PrefixConfig: { PrefixType: 'PATH', PrefixFormat: 'DAY' }, AggregationConfig: { AggregationType: 'None' } },
          }),
        },
      }],
      Tasks: [Match.objectLike({ TaskType: 'Map_all', ConnectorOperator: { Salesforce: 'NO_OP' } })],
      KMSArn: Match.anyValue(),
    });
  });

  test('the connector profile reads OAuth tokens from Secrets Manager as dynamic references, encrypted with the key', () => {
    const { template } = ingest();
    const profile = Object.values(template.findResources('AWS::AppFlow::ConnectorProfile'))[0].Properties;
    expect(profile.ConnectorType).toBe('Salesforce');
    expect(profile.ConnectionMode).toBe('Public');
    expect(profile.KMSArn).toBeDefined();
    const creds = JSON.stringify(profile.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce);
    expect(creds).toContain('{{resolve:secretsmanager:');
    expect(creds).toContain(':SecretString:accessToken::}}');
    expect(profile.ConnectorProfileConfig.ConnectorProfileProperties.Salesforce.InstanceUrl).toBe('https://example.my.salesforce.com');
  });

  test('the bucket policy admits AppFlow from this account only, and the bucket is encrypted with the key', () => {
    const { template } = ingest();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'appflow.amazonaws.com' },
          Action: Match.arrayWith(['s3:PutObject', 's3:GetBucketAcl']),
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() }, BucketKeyEnabled: true }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.anyValue(),
    });
  });

  test('field mappings become a projection plus one Map task per field; filters become Filter tasks', () => {
    const { template } = ingest({
      fieldMappings: [{ source: 'Id' }, { source: 'Name', destination: 'account_name' }],
      filters: [
        { field: 'AnnualRevenue', operator: IngestFilterOperator.GREATER_THAN, values: ['1000000'], dataType: 'double' },
        { field: 'CreatedDate', operator: IngestFilterOperator.BETWEEN, values: ['1700000000000', '1800000000000'], dataType: 'datetime' },
      ],
    });
    const tasks = Object.values(template.findResources('AWS::AppFlow::Flow'))[0].Properties.Tasks;
    expect(tasks[0]).toMatchObject({ TaskType: 'Filter', SourceFields: ['Id', 'Name'], ConnectorOperator: { Salesforce: 'PROJECTION' } });
    expect(tasks[1]).toMatchObject({ TaskType: 'Map', SourceFields: ['Id'], DestinationField: 'Id' });
    expect(tasks[2]).toMatchObject({ TaskType: 'Map', SourceFields: ['Name'], DestinationField: 'account_name' });
    expect(tasks[3]).toMatchObject({ TaskType: 'Filter', ConnectorOperator: { Salesforce: 'GREATER_THAN' }, TaskProperties: [{ Key: 'DATA_TYPE', Value: 'double' }, { Key: 'VALUES', Value: '1000000' }] });
    expect(tasks[4].TaskProperties).toEqual([
      { Key: 'DATA_TYPE', Value: 'datetime' }, { Key: 'LOWER_BOUND', Value: '1700000000000' }, { Key: 'UPPER_BOUND', Value: '1800000000000' },
    ]);
  });

  test('scheduled flows carry the expression, incremental pulls and a time zone', () => {
    const { template } = ingest({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(1hours)' }, fileType: IngestFileType.PARQUET });
    template.hasResourceProperties('AWS::AppFlow::Flow', {
      TriggerConfig: { TriggerType: 'Scheduled', TriggerProperties: { ScheduleExpression: 'rate(1hours)', DataPullMode: 'Incremental', TimeZone: 'UTC' } },
      SourceFlowConfig: Match.objectLike({ IncrementalPullConfig: { DatetimeTypeFieldName: 'LastModifiedDate' } }),
    });
  });

  test('scheduled and event-triggered flows are created Active (CloudFormation creates them as a Draft without FlowStatus, which never runs)', () => {
    const scheduled = ingest({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(1hours)' } });
    scheduled.template.hasResourceProperties('AWS::AppFlow::Flow', { FlowStatus: 'Active', TriggerConfig: Match.objectLike({ TriggerType: 'Scheduled' }) });
    ingest({ trigger: IngestTrigger.ON_EVENT, object: 'AccountChangeEvent' }).template.hasResourceProperties('AWS::AppFlow::Flow', { FlowStatus: 'Active' });
    ingest().template.hasResourceProperties('AWS::AppFlow::Flow', { FlowStatus: Match.absent() });
  });

  test('startSuspended creates a scheduled flow Suspended; it is refused for on-demand flows', () => {
    const { template } = ingest({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(1hours)' }, startSuspended: true });
    template.hasResourceProperties('AWS::AppFlow::Flow', { FlowStatus: 'Suspended' });
    expect(() => ingest({ startSuspended: true })).toThrow(/startSuspended/);
  });

  test('an existing connector profile is used as is', () => {
    const { template } = ingest({ source: SaasSource.ZENDESK, object: 'tickets', connectorProfileName: 'zendesk-prod', credentials: undefined, instanceUrl: undefined });
    template.resourceCountIs('AWS::AppFlow::ConnectorProfile', 0);
    template.hasResourceProperties('AWS::AppFlow::Flow', {
      SourceFlowConfig: { ConnectorType: 'Zendesk', ConnectorProfileName: 'zendesk-prod', SourceConnectorProperties: { Zendesk: { Object: 'tickets' } } },
    });
  });

  test('Slack profiles take client id, secret and token from the secret', () => {
    const { template } = ingest({ source: SaasSource.SLACK, object: 'conversations/C0123456', instanceUrl: 'https://example.slack.com' });
    const creds = Object.values(template.findResources('AWS::AppFlow::ConnectorProfile'))[0].Properties.ConnectorProfileConfig.ConnectorProfileCredentials;
    expect(Object.keys(creds.Slack).sort()).toEqual(['AccessToken', 'ClientId', 'ClientSecret']);
  });

  test.each(APP_VARIANTS)('zero cdk-nag errors in all four packs and no warnings (%s)', (_name, makeApp) => {
    const { stack } = ingest({}, newStack(makeApp()));
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});

describe('AppFlowIngest validation', () => {
  const attempt = (props: Partial<AppFlowIngestProps>) => () => ingest(props, newStack(new App()));

  test('event triggers only for connectors that push events', () => {
    expect(attempt({ source: SaasSource.SLACK, object: 'conversations/C1', trigger: IngestTrigger.ON_EVENT })).toThrow(
      /trigger \("Event"\).*ON_DEMAND or ON_SCHEDULE for Slack.*Salesforce/);
    expect(attempt({ trigger: IngestTrigger.ON_EVENT, object: 'AccountChangeEvent' })).not.toThrow();
  });

  test('schedules are required for, and only for, scheduled flows, and their expressions are checked', () => {
    expect(attempt({ trigger: IngestTrigger.ON_SCHEDULE })).toThrow(/schedule .*when trigger is ON_SCHEDULE/);
    expect(attempt({ schedule: { expression: 'rate(1 hour)' } })).toThrow(/schedule \("rate\(1 hour\)"\).*no schedule unless/);
    expect(attempt({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'every hour' } })).toThrow(
      /schedule.expression \("every hour"\).*rate\(N minutes\|hours\|days\) or cron/);
    expect(attempt({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(0 minutes)' } })).toThrow(/at least 1 minute/);
    expect(attempt({ trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'cron(0 12 * * ? *)', pullMode: DataPullMode.COMPLETE } })).not.toThrow();
  });

  test('a connection is needed: an existing profile or credentials and an https instance URL', () => {
    expect(attempt({ credentials: undefined, instanceUrl: undefined })).toThrow(/credentials\/instanceUrl.*either connectorProfileName/);
    expect(attempt({ instanceUrl: 'http://example.my.salesforce.com' })).toThrow(/instanceUrl \("http:.*https:\/\/ URL/);
  });

  test('BETWEEN filters take two values, the others one', () => {
    expect(attempt({ filters: [{ field: 'x', operator: IngestFilterOperator.BETWEEN, values: ['1'] }] })).toThrow(
      /filters\[x\].values \("1 value\(s\)"\).*exactly 2 value\(s\) for BETWEEN/);
    expect(attempt({ filters: [{ field: 'x', operator: IngestFilterOperator.EQUAL_TO, values: ['1', '2'] }] })).toThrow(/exactly 1 value/);
  });

  describe('a Salesforce credentials secret of this app needs a customer managed key (AppFlow reads it itself)', () => {
    const secretWithoutKey = /^AppFlowIngest: invalid credentials \("Secret TestStack\/Creds without encryptionKey \(encrypted with the AWS managed key aws\/secretsmanager\)"\); allowed: for Salesforce, a Secret with encryptionKey set to a customer managed kms\.Key, because AppFlow reads this client credentials secret itself/;

    test('a Secret without encryptionKey is rejected up front, naming the prop, the secret and what to pass', () => {
      const stack = newStack(new App());
      expect(() => ingest({ credentials: new secretsmanager.Secret(stack, 'Creds') }, stack)).toThrow(secretWithoutKey);
    });

    test('also in an environment-agnostic stack, where aws-cdk-lib\'s own check does not apply', () => {
      const stack = new Stack(new App(), 'TestStack');
      expect(() => ingest({ credentials: new secretsmanager.Secret(stack, 'Creds') }, stack)).toThrow(secretWithoutKey);
    });

    test('a Secret with a customer managed key passes, and its key lets AppFlow decrypt through Secrets Manager', () => {
      const stack = newStack(new App());
      const key = new kms.Key(stack, 'CredsKey', { enableKeyRotation: true });
      const { template } = ingest({ credentials: new secretsmanager.Secret(stack, 'Creds', { encryptionKey: key }) }, stack);
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'kms:Decrypt',
            Principal: { Service: 'appflow.amazonaws.com' },
            Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
          })]),
        },
      });
    });

    test('not checked where AppFlow does not read the secret: other sources, or an existing connector profile', () => {
      const slack = newStack(new App());
      expect(() => ingest({ source: SaasSource.SLACK, object: 'conversations/C1', credentials: new secretsmanager.Secret(slack, 'Creds') }, slack)).not.toThrow();
      const existing = newStack(new App());
      expect(() => ingest({ connectorProfileName: 'salesforce-prod', credentials: new secretsmanager.Secret(existing, 'Creds') }, existing)).not.toThrow();
    });
  });

  test('flow names follow the AppFlow pattern', () => {
    expect(attempt({ flowName: '-bad name' })).toThrow(/flowName \("-bad name"\)/);
  });
});
