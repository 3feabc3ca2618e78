import { Token } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IngestFieldFilter, IngestFilterOperator, IngestSchedule, IngestTrigger, SaasSource } from './ingest-options';
import { PropValidationError } from '../core/validation';

const NAME = 'AppFlowIngest';

/** AppFlow runs flows on events only for connectors that push events; of ours, Salesforce (CDC / platform events). */
const EVENT_SOURCES: readonly SaasSource[] = [SaasSource.SALESFORCE];

const RATE = /^rate\(\s*(\d+)\s*(minute|minutes|hour|hours|day|days)\s*\)$/;
const CRON = /^cron\(\s*(\S+\s+){5}\S+\s*\)$/;

export function validateTrigger(source: SaasSource, trigger: IngestTrigger, schedule: IngestSchedule | undefined): void {
  if (trigger === IngestTrigger.ON_EVENT && !EVENT_SOURCES.includes(source)) {
    throw new PropValidationError(NAME, 'trigger', trigger,
      `ON_DEMAND or ON_SCHEDULE for ${source} (event-triggered flows need a connector that pushes events: ${EVENT_SOURCES.join(', ')})`);
  }
  if (trigger === IngestTrigger.ON_SCHEDULE && !schedule) {
    throw new PropValidationError(NAME, 'schedule', undefined, 'a schedule (rate(...) or cron(...)) when trigger is ON_SCHEDULE');
  }
  if (trigger !== IngestTrigger.ON_SCHEDULE && schedule) {
    throw new PropValidationError(NAME, 'schedule', schedule.expression, 'no schedule unless trigger is ON_SCHEDULE');
  }
  if (schedule && !Token.isUnresolved(schedule.expression)) validateScheduleExpression(schedule.expression);
}

export function validateScheduleExpression(expression: string): void {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) {
      throw new PropValidationError(NAME, 'schedule.expression', expression, 'a rate of at least 1 minute (AppFlow\'s shortest schedule interval)');
    }
    return;
  }
  if (!CRON.test(expression)) {
    throw new PropValidationError(NAME, 'schedule.expression', expression, 'rate(N minutes|hours|days) or cron(minutes hours day-of-month month day-of-week year)');
  }
}

export function validateFilter(filter: IngestFieldFilter): void {
  const expected = filter.operator === IngestFilterOperator.BETWEEN ? 2 : 1;
  if (filter.values.length !== expected) {
    throw new PropValidationError(NAME, `filters[${filter.field}].values`, `${filter.values.length} value(s)`,
      `exactly ${expected} value(s) for ${filter.operator}`);
  }
}

/** Flow names: up to 256 characters, letters, digits, hyphens and underscores (AppFlow's [a-zA-Z0-9][\w!@#.-]+ pattern). */
export function validateFlowName(name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (!/^[a-zA-Z0-9][\w!@#.-]{0,255}$/.test(name)) {
    throw new PropValidationError(NAME, 'flowName', name, 'up to 256 characters starting with a letter or digit; then letters, digits, _ ! @ # . -');
  }
}

/**
 * For Salesforce the credentials secret is also the connector profile's client credentials secret, which AppFlow reads
 * itself, as the appflow.amazonaws.com service principal. A service cannot decrypt a secret encrypted with the AWS
 * managed key aws/secretsmanager, and aws-cdk-lib refuses that grant ("KMS Key must be provided for cross account
 * access to Secret") only when the stack has a concrete account. A secret of this app (a `secretsmanager.Secret`) must
 * therefore have a customer managed key; the key of an imported secret is not known at synth time and is not checked.
 */
export function validateCredentialsKey(source: SaasSource, credentials: secretsmanager.ISecret): void {
  if (source !== SaasSource.SALESFORCE || !secretsmanager.Secret.isSecret(credentials) || credentials.encryptionKey) return;
  throw new PropValidationError(NAME, 'credentials', `Secret ${credentials.node.path} without encryptionKey (encrypted with the AWS managed key aws/secretsmanager)`,
    'for Salesforce, a Secret with encryptionKey set to a customer managed kms.Key, because AppFlow reads this client credentials '
    + 'secret itself and a service cannot decrypt the AWS managed key: e.g. new secretsmanager.Secret(this, \'SalesforceOAuth\', '
    + '{ encryptionKey: new kms.Key(this, \'SalesforceOAuthKey\', { enableKeyRotation: true }) }); or connectorProfileName of an existing profile');
}

/** Suspended (like Active) only applies to scheduled and event-triggered flows (CloudFormation, FlowStatus). */
export function validateStartSuspended(trigger: IngestTrigger, startSuspended: boolean | undefined): void {
  if (startSuspended && trigger === IngestTrigger.ON_DEMAND) {
    throw new PropValidationError(NAME, 'startSuspended', 'true', 'false or unset for ON_DEMAND flows (a flow status applies only to ON_SCHEDULE and ON_EVENT flows)');
  }
}
