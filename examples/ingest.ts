import { App, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AppFlowIngest, IngestFileType, IngestFilterOperator, IngestTrigger, SaasSource } from '../src';

/** AppFlow: Salesforce accounts into S3 every hour (projected, renamed and filtered), Zendesk tickets on demand. */
export function addIngestExamples(app: App): void {
  const stack = new Stack(app, 'AppFlowIngestExample');
  // The OAuth tokens are stored by the team that owns the Salesforce connected app.
  const salesforce = secretsmanager.Secret.fromSecretNameV2(stack, 'SalesforceOAuth', 'appflow/salesforce');
  new AppFlowIngest(stack, 'SalesforceAccounts', {
    source: SaasSource.SALESFORCE,
    object: 'Account',
    instanceUrl: 'https://example.my.salesforce.com',
    credentials: salesforce,
    trigger: IngestTrigger.ON_SCHEDULE,
    schedule: { expression: 'rate(1hours)' },
    fieldMappings: [{ source: 'Id' }, { source: 'Name', destination: 'account_name' }, { source: 'AnnualRevenue', destination: 'annual_revenue' }],
    filters: [{ field: 'AnnualRevenue', operator: IngestFilterOperator.GREATER_THAN, values: ['1000000'], dataType: 'double' }],
    fileType: IngestFileType.PARQUET,
  });
  new AppFlowIngest(stack, 'ZendeskTickets', {
    source: SaasSource.ZENDESK,
    object: 'tickets',
    connectorProfileName: 'zendesk-support',
  });
}
