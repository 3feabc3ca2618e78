import { Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SecureRestApi, SecureRestApiProps } from './secure-rest-api';
import { SecureRestApiValidation } from './secure-rest-api-validation';
import { PropValidationError } from '../core/validation';
import { ResilientQueue, ResilientQueueProps } from '../queue/resilient-queue';

/** Props of RestApiToQueue. */
export interface RestApiToQueueProps extends SecureRestApiProps {
  /**
   * An existing queue to write into (e.g. `myResilientQueue.queue`, or an imported queue).
   * @default - a ResilientQueue (with dead-letter queue and alarms) is created from `queueProps`
   */
  readonly queue?: sqs.IQueue;
  /**
   * Props of the ResilientQueue created when `queue` is not given.
   * @default - ResilientQueue defaults
   */
  readonly queueProps?: ResilientQueueProps;
  /**
   * Path of the POST method that accepts messages, e.g. `orders` or `orders/v1`.
   * @default - POST on the root path `/`
   */
  readonly resourcePath?: string;
  /**
   * JSON schema (draft 4) every message must match; API Gateway rejects other bodies with 400 before they reach the
   * queue. Only `application/json` bodies are accepted (others get 415).
   * @default - any JSON object
   */
  readonly requestBodySchema?: apigw.JsonSchema;
  /**
   * Request parameters every request must carry, e.g. `method.request.header.X-Client-Id`.
   * @default - none (plus the message group header for FIFO queues)
   */
  readonly requiredRequestParameters?: string[];
  /**
   * FIFO queues: the request header carrying the message group id (required on every request).
   * @default 'X-Message-Group-Id'
   */
  readonly messageGroupIdHeader?: string;
  /**
   * FIFO queues: the optional request header carrying a deduplication id. Clients that retry with the same id are
   * deduplicated by SQS for 5 minutes.
   * @default 'X-Deduplication-Id'
   */
  readonly deduplicationIdHeader?: string;
  /**
   * FIFO queues: whether the queue deduplicates by content. When true, requests without the deduplication header
   * are left to content-based deduplication; when false, they get the API request id (so no two requests collide).
   * @default - the `contentBasedDeduplication` of `queueProps` for a created queue, false for an existing queue
   */
  readonly contentBasedDeduplication?: boolean;
}

const CONSTRUCT = 'RestApiToQueue';
const HEADER_PATTERN = /^[A-Za-z0-9-]+$/;

/**
 * The decoupled front door of the pattern notes: a REST API that writes each request straight into an SQS queue
 * (an AWS service integration calling SendMessage, no Lambda in between) and answers with the SQS message id.
 *
 * API Gateway assumes a role of its own that may only send to this queue (plus use its KMS key when the queue is
 * KMS-encrypted). The queue is a ResilientQueue created here, or any queue you pass. The request template forwards
 * the body unchanged and adds the API request id as message attribute `apiRequestId`, so consumers can correlate
 * with the access logs. SQS 4xx answers become 400 and 5xx answers 500, each with the request id.
 *
 * Note: AWSManagedRulesCommonRuleSet of the default web ACL blocks bodies over 8 KB (rule SizeRestrictions_BODY);
 * for larger messages (SQS takes up to 1 MiB) set `webAcl: { countOnlyRules: ['SizeRestrictions_BODY'] }`.
 */
export class RestApiToQueue extends Construct {
  private static requestTemplate(fifo: boolean, groupHeader: string, dedupHeader: string, contentDedup: boolean): string {
    const parts = [
      'Action=SendMessage',
      'MessageBody=$util.urlEncode($input.body)',
      'MessageAttribute.1.Name=apiRequestId',
      'MessageAttribute.1.Value.DataType=String',
      'MessageAttribute.1.Value.StringValue=$util.urlEncode($context.requestId)',
    ];
    let template = parts.join('&');
    if (fifo) {
      template += `&MessageGroupId=$util.urlEncode($input.params('${groupHeader}'))`;
      const fallback = contentDedup ? '' : '&MessageDeduplicationId=$util.urlEncode($context.requestId)';
      template += `#if($input.params('${dedupHeader}') != "")&MessageDeduplicationId=$util.urlEncode($input.params('${dedupHeader}'))`
        + `#else${fallback}#end`;
    }
    return template;
  }

  private static validate(scope: Construct, props: RestApiToQueueProps): void {
    SecureRestApiValidation.validate(scope, CONSTRUCT, props);
    SecureRestApiValidation.methodOptions(CONSTRUCT, { requiredRequestParameters: props.requiredRequestParameters });
    if (props.queue !== undefined && props.queueProps !== undefined) {
      throw new PropValidationError(CONSTRUCT, 'queueProps', 'set', 'left out when an existing queue is given');
    }
    for (const [prop, header] of [['messageGroupIdHeader', props.messageGroupIdHeader], ['deduplicationIdHeader', props.deduplicationIdHeader]]) {
      if (header !== undefined && !Token.isUnresolved(header) && !HEADER_PATTERN.test(header)) {
        throw new PropValidationError(CONSTRUCT, prop!, header, 'a header name of letters, digits and hyphens');
      }
    }
    const path = props.resourcePath;
    if (path !== undefined && !Token.isUnresolved(path) && !/^\/?([A-Za-z0-9._-]+\/?)*$/.test(path)) {
      throw new PropValidationError(CONSTRUCT, 'resourcePath', path, 'path parts of letters, digits, ".", "_" or "-" separated by "/", e.g. "orders/v1"');
    }
  }

  public readonly api: SecureRestApi;
  public readonly restApi: apigw.RestApi;
  /** The queue messages are written to. */
  public readonly queue: sqs.IQueue;
  /** The ResilientQueue created here (undefined when `queue` was given). */
  public readonly resilientQueue?: ResilientQueue;
  /** The role API Gateway assumes to call SendMessage. */
  public readonly integrationRole: iam.Role;
  /** sqs:SendMessage on the queue only (and the queue key's GenerateDataKey/Decrypt when it is KMS-encrypted). */
  public readonly sendMessagePolicy: iam.ManagedPolicy;
  /** The POST method that accepts messages. */
  public readonly method: apigw.Method;

  constructor(scope: Construct, id: string, props: RestApiToQueueProps) {
    super(scope, id);
    RestApiToQueue.validate(this, props);

    if (props.queue) {
      this.queue = props.queue;
    } else {
      this.resilientQueue = new ResilientQueue(this, 'Queue', props.queueProps);
      this.queue = this.resilientQueue.queue;
    }
    const fifo = this.queue.fifo;

    this.api = new SecureRestApi(this, 'Api', { ...props, restApiName: props.restApiName ?? id });
    this.restApi = this.api.restApi;

    this.sendMessagePolicy = new iam.ManagedPolicy(this, 'SendMessagePolicy', {
      description: `Lets API Gateway send messages to the queue of ${this.node.path}`,
      statements: this.sendMessageStatements(),
    });
    this.integrationRole = new iam.Role(this, 'IntegrationRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway SendMessage integration of ${this.node.path}`,
      managedPolicies: [this.sendMessagePolicy],
    });

    const groupHeader = props.messageGroupIdHeader ?? 'X-Message-Group-Id';
    const dedupHeader = props.deduplicationIdHeader ?? 'X-Deduplication-Id';
    const contentDedup = props.contentBasedDeduplication ?? (props.queue ? false : props.queueProps?.contentBasedDeduplication ?? false);
    const integration = new apigw.AwsIntegration({
      service: 'sqs',
      region: this.queue.env.region,
      // SendMessage is addressed by the queue's path, {account}/{queue name}.
      path: `${this.queue.env.account}/${this.queue.queueName}`,
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: this.integrationRole,
        // Only application/json bodies reach the template; anything else is refused with 415.
        passthroughBehavior: apigw.PassthroughBehavior.NEVER,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { 'application/json': RestApiToQueue.requestTemplate(fifo, groupHeader, dedupHeader, contentDedup) },
        integrationResponses: [
          {
            statusCode: '200',
            responseTemplates: {
              'application/json': '{"messageId": "$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')", "requestId": "$context.requestId"}',
            },
          },
          {
            statusCode: '400',
            selectionPattern: '4\\d{2}',
            responseTemplates: {
              'application/json': '{"message": "The queue rejected the message (too large, invalid characters or not allowed)", "requestId": "$context.requestId"}',
            },
          },
          {
            statusCode: '500',
            selectionPattern: '5\\d{2}',
            responseTemplates: { 'application/json': '{"message": "The queue is unavailable, retry later", "requestId": "$context.requestId"}' },
          },
        ],
      },
    });

    let resource: apigw.IResource = this.restApi.root;
    for (const part of (props.resourcePath ?? '').split('/').filter(p => p.length > 0)) resource = resource.addResource(part);
    this.method = this.api.addMethod(resource, 'POST', integration, {
      requestBodySchema: props.requestBodySchema ?? { schema: apigw.JsonSchemaVersion.DRAFT4, type: apigw.JsonSchemaType.OBJECT },
      requiredRequestParameters: [
        ...(props.requiredRequestParameters ?? []),
        ...(fifo ? [`method.request.header.${groupHeader}`] : []),
      ],
      methodResponses: [{ statusCode: '200' }, { statusCode: '400' }, { statusCode: '500' }],
    });
  }

  private sendMessageStatements(): iam.PolicyStatement[] {
    const statements = [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] })];
    const key = this.queue.encryptionMasterKey;
    if (key) {
      // SSE-KMS: the sender generates the data key; Decrypt verifies a reused one.
      statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    }
    return statements;
  }
}
