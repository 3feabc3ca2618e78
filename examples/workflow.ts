import { App, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { exampleFunction } from './support';
import { ResilientQueue, WorkflowPipeline, WorkflowSteps } from '../src';
import { acknowledgeRules, NagFinding } from '../src/core';

/**
 * The pattern notes' "online pickup order": validate the order, check stock, then in parallel charge the payment
 * and reserve every item, tell the store to pick it, wait for pickup, and tell the customer. Any failure is caught,
 * published to the failures topic and ends the execution as failed.
 */
export function addWorkflowExamples(app: App): void {
  const stack = new Stack(app, 'WorkflowPipelineExample');
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const failures = new sns.Topic(stack, 'OrderFailures', { masterKey: key, enforceSSL: true });
  const customers = new sns.Topic(stack, 'CustomerNotifications', { masterKey: key, enforceSSL: true });
  const storeQueue = new ResilientQueue(stack, 'StorePickQueue');
  const reservations = new dynamodb.Table(stack, 'Reservations', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });

  // The compliance packs want the table in an AWS Backup plan as well as point-in-time recovery.
  const selection = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, 'Backups').addSelection('Reservations', {
    resources: [backup.BackupResource.fromDynamoDbTable(reservations)],
  });
  acknowledgeRules(selection.node.findChild('Role'), [{
    id: NagFinding.awsManagedPolicy('AwsSolutions-IAM4', 'service-role/AWSBackupServiceRolePolicyForBackup'),
    reason: 'AWS Backup documents this AWS managed policy as the role it needs to back up resources.',
  }]);

  // Order ids are <channel>-<number>: anything else is rejected (the state machine's catch publishes the failure).
  const validate = exampleFunction(stack, 'ValidateOrder', `
    if (typeof event.orderId !== 'string' || !/^[a-z]+-[0-9]+$/.test(event.orderId)) {
      throw Object.assign(new Error('order ' + event.orderId + ' has no valid order id'), { name: 'InvalidOrder' });
    }
    return { ...event, valid: true, inStock: true };`, { key });
  const charge = exampleFunction(stack, 'ChargePayment', 'return { chargeId: "ch_" + event.orderId };', { key });

  const steps = new WorkflowSteps(stack, 'Steps', { failureTopic: failures });
  const reserveItem = steps.putItem('ReserveItem', reservations, {
    orderId: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.orderId')),
    sku: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.sku')),
  }, { catchFailures: false }); // inside the Map: the Map's own catch routes the failure

  const definition = steps.invokeLambda('Validate', validate)
    .next(steps.choice('InStock?')
      .when(sfn.Condition.booleanEquals('$.inStock', false),
        steps.publish('TellOutOfStock', customers, sfn.TaskInput.fromJsonPathAt('$.orderId'))
          .next(new sfn.Succeed(stack, 'ClosedOutOfStock')))
      .otherwise(steps.parallel('ChargeAndReserve', [
        steps.invokeLambda('Charge', charge, { catchFailures: false }),
        steps.map('ReserveEach', reserveItem, {
          itemsPath: '$.items',
          itemSelector: { 'orderId.$': '$.orderId', 'sku.$': '$$.Map.Item.Value.sku' },
          catchFailures: false,
        }),
      ], { resultPath: '$.fulfilment' })
        .next(steps.sendMessage('TellStore', storeQueue.queue, sfn.TaskInput.fromJsonPathAt('$'), { resultPath: sfn.JsonPath.DISCARD }))
        .next(steps.wait('WaitForPickup', Duration.minutes(30)))
        .next(steps.publish('TellReady', customers, sfn.TaskInput.fromJsonPathAt('$.orderId'), { resultPath: sfn.JsonPath.DISCARD }))));

  new WorkflowPipeline(stack, 'PickupOrder', { definition });
}
