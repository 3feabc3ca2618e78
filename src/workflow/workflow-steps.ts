import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface WorkflowStepsProps {
  /**
   * Topic told about every failure the catch-all catches (error, cause, execution id).
   * @default no topic
   */
  readonly failureTopic?: sns.ITopic;

  /**
   * Queue sent every failure the catch-all catches.
   * @default no queue
   */
  readonly failureQueue?: sqs.IQueue;

  /**
   * Retry every task on the service's own transient errors (service exceptions, throttling).
   * @default true
   */
  readonly retryTransientErrors?: boolean;
}

/** Options shared by the task helpers. */
export interface WorkflowTaskOptions {
  /**
   * Where the task's result goes in the state's input (`$.result`), or `sfn.JsonPath.DISCARD`.
   * @default the task result replaces the input (`$`)
   */
  readonly resultPath?: string;

  /**
   * Route failures of this task to the catch-all.
   * @default true
   */
  readonly catchFailures?: boolean;
}

/**
 * Transient error names per service, as each service's API reports them (Step Functions prefixes the service name).
 * Retried with exponential backoff and full jitter; business errors are not retried.
 */
const TRANSIENT_ERRORS = {
  lambda: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.ClientExecutionTimeoutException',
    'Lambda.TooManyRequestsException'],
  batch: ['Batch.ServerException', 'Batch.TooManyRequestsException'],
  sns: ['SNS.InternalErrorException', 'SNS.ThrottledException'],
  sqs: ['SQS.RequestThrottled', 'SQS.InternalError', 'SQS.ThrottlingException'],
  dynamodb: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerErrorException'],
};

/**
 * Builds workflow steps with the defaults a production pipeline needs: each task retries its service's transient
 * errors, and every failure (States.ALL) is caught, recorded in `$.error`, sent to the failure topic and/or queue,
 * and ends the execution in a Fail state that keeps the original error and cause.
 */
export class WorkflowSteps extends Construct {
  /** The catch-all chain: notify, then fail. */
  public readonly failureHandler: sfn.IChainable;
  private readonly retry: boolean;

  constructor(scope: Construct, id: string, props: WorkflowStepsProps = {}) {
    super(scope, id);
    this.retry = props.retryTransientErrors ?? true;
    const failure = sfn.TaskInput.fromObject({
      'error.$': '$.error.Error',
      'cause.$': '$.error.Cause',
      'execution.$': '$$.Execution.Id',
      'stateMachine.$': '$$.StateMachine.Id',
      'state.$': '$$.State.Name',
    });
    const fail = new sfn.Fail(this, 'Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });
    const notifications: sfn.TaskStateBase[] = [];
    if (props.failureTopic) {
      notifications.push(new KeyAwareSnsPublish(this, 'NotifyFailureTopic', {
        topic: props.failureTopic, message: failure, subject: 'Workflow failed', resultPath: sfn.JsonPath.DISCARD,
      }));
    }
    if (props.failureQueue) {
      notifications.push(new tasks.SqsSendMessage(this, 'NotifyFailureQueue', {
        queue: props.failureQueue, messageBody: failure, resultPath: sfn.JsonPath.DISCARD,
      }));
    }
    if (notifications.length === 0) {
      this.failureHandler = fail;
    } else {
      let chain: sfn.Chain = sfn.Chain.start(notifications[0]);
      for (const next of notifications.slice(1)) chain = chain.next(next);
      this.failureHandler = chain.next(fail);
    }
  }

  /** Invokes a Lambda function synchronously, returning its payload. */
  public invokeLambda(id: string, fn: lambda.IFunction, options: WorkflowTaskOptions = {}): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, id, {
      lambdaFunction: unqualifiedInvokeTarget(fn),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false, // replaced by the transient-error retry below, which also covers throttling
      resultPath: options.resultPath,
    });
    return this.harden(task, TRANSIENT_ERRORS.lambda, options);
  }

  /** Submits an AWS Batch job and waits for it to finish (.sync). Standard workflows only. */
  public submitBatchJob(id: string, jobQueueArn: string, jobDefinitionArn: string, options: WorkflowBatchJobOptions = {}): tasks.BatchSubmitJob {
    const task = new tasks.BatchSubmitJob(this, id, {
      jobName: options.jobName ?? id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128),
      jobQueueArn,
      jobDefinitionArn,
      payload: options.parameters ? sfn.TaskInput.fromObject(options.parameters) : undefined,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      resultPath: options.resultPath,
    });
    return this.harden(task, TRANSIENT_ERRORS.batch, options);
  }

  /** Publishes a message to an SNS topic. */
  public publish(id: string, topic: sns.ITopic, message: sfn.TaskInput, options: WorkflowTaskOptions = {}): tasks.SnsPublish {
    const task = new KeyAwareSnsPublish(this, id, { topic, message, resultPath: options.resultPath });
    return this.harden(task, TRANSIENT_ERRORS.sns, options);
  }

  /** Sends a message to an SQS queue. */
  public sendMessage(id: string, queue: sqs.IQueue, body: sfn.TaskInput, options: WorkflowTaskOptions = {}): tasks.SqsSendMessage {
    const task = new tasks.SqsSendMessage(this, id, { queue, messageBody: body, resultPath: options.resultPath });
    return this.harden(task, TRANSIENT_ERRORS.sqs, options);
  }

  /** Puts an item into a DynamoDB table. */
  public putItem(
    id: string, table: dynamodb.ITable, item: { [attribute: string]: tasks.DynamoAttributeValue }, options: WorkflowTaskOptions = {},
  ): tasks.DynamoPutItem {
    const task = new tasks.DynamoPutItem(this, id, { table, item, resultPath: options.resultPath ?? sfn.JsonPath.DISCARD });
    return this.harden(task, TRANSIENT_ERRORS.dynamodb, options);
  }

  /** Waits a fixed time. */
  public wait(id: string, duration: Duration): sfn.Wait {
    return new sfn.Wait(this, id, { time: sfn.WaitTime.duration(duration) });
  }

  /** A Choice state; add branches with `.when(...)` and `.otherwise(...)`. */
  public choice(id: string): sfn.Choice {
    return new sfn.Choice(this, id);
  }

  /** Runs branches in parallel; a failing branch goes to the catch-all. */
  public parallel(id: string, branches: sfn.IChainable[], options: WorkflowTaskOptions = {}): sfn.Parallel {
    const parallel = new sfn.Parallel(this, id, { resultPath: options.resultPath });
    for (const branch of branches) parallel.branch(branch);
    if (options.catchFailures ?? true) parallel.addCatch(this.failureHandler, { errors: ['States.ALL'], resultPath: '$.error' });
    return parallel;
  }

  /** Runs `itemProcessor` for each element of the array at `itemsPath`; a failing item goes to the catch-all. */
  public map(id: string, itemProcessor: sfn.IChainable, options: WorkflowMapOptions = {}): sfn.Map {
    const map = new sfn.Map(this, id, {
      itemsPath: options.itemsPath ?? '$.items',
      maxConcurrency: options.maxConcurrency ?? 10,
      itemSelector: options.itemSelector,
      resultPath: options.resultPath,
    });
    map.itemProcessor(itemProcessor);
    if (options.catchFailures ?? true) map.addCatch(this.failureHandler, { errors: ['States.ALL'], resultPath: '$.error' });
    return map;
  }

  private harden<T extends sfn.TaskStateBase>(task: T, transientErrors: string[], options: WorkflowTaskOptions): T {
    if (this.retry) {
      task.addRetry({ errors: transientErrors, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, jitterStrategy: sfn.JitterType.FULL });
    }
    if (options.catchFailures ?? true) task.addCatch(this.failureHandler, { errors: ['States.ALL'], resultPath: '$.error' });
    return task;
  }
}

/**
 * With payloadResponseOnly the state's Resource is the function's unqualified ARN, so invoking exactly that ARN is
 * the least privilege the task needs; aws-cdk-lib would also grant `<arn>:*` (every version and alias).
 */
/**
 * SnsPublish that can publish to an SSE-KMS topic: aws-cdk-lib's task grants only sns:Publish, but SNS refuses a
 * publisher without kms:GenerateDataKey and kms:Decrypt on the topic's key (KMSAccessDeniedException), unlike its
 * SqsSendMessage task, which grants the queue key. Found by the simulator's KMS checks.
 */
class KeyAwareSnsPublish extends tasks.SnsPublish {
  constructor(scope: Construct, id: string, props: tasks.SnsPublishProps) {
    super(scope, id, props);
    if (props.topic.masterKey) {
      this.taskPolicies?.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.topic.masterKey.keyArn] }));
    }
  }
}

function unqualifiedInvokeTarget(fn: lambda.IFunction): lambda.IFunction {
  return Object.create(fn, { resourceArnsForGrantInvoke: { get: () => [fn.functionArn] } });
}

/** Options of `WorkflowSteps.submitBatchJob`. */
export interface WorkflowBatchJobOptions extends WorkflowTaskOptions {
  /**
   * Job name (1-128 letters, digits, hyphens, underscores).
   * @default the step id
   */
  readonly jobName?: string;

  /**
   * Job parameters (substituted into the job definition's command `Ref::name` placeholders).
   * @default none
   */
  readonly parameters?: { [name: string]: any };
}

/** Options of `WorkflowSteps.map`. */
export interface WorkflowMapOptions extends WorkflowTaskOptions {
  /**
   * JSONPath of the array to iterate.
   * @default '$.items'
   */
  readonly itemsPath?: string;

  /**
   * Items processed at once (0 = as many as possible).
   * @default 10
   */
  readonly maxConcurrency?: number;

  /**
   * The input each item's iteration gets (JSONPath templates; `$$.Map.Item.Value` is the item).
   * @default the item itself
   */
  readonly itemSelector?: { [key: string]: any };
}
