import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { RestApiAuthorization, RestApiToQueue, RestApiToQueueProps } from '../../src/api';
import { ResilientQueue } from '../../src/queue';
import { StableSnapshot } from '../../src/testing';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

type Built = { stack: Stack; front: RestApiToQueue; template: Template };

function build(props: Partial<RestApiToQueueProps> = {}, stack: Stack = newStack()): Built {
  const front = new RestApiToQueue(stack, 'Orders', { authorization: RestApiAuthorization.iam(), ...props });
  return { stack, front, template: Template.fromStack(stack) };
}

function requestTemplate(template: Template): string {
  const method = Object.values(template.findResources('AWS::ApiGateway::Method'))[0];
  return method.Properties.Integration.RequestTemplates['application/json'];
}

describe('RestApiToQueue defaults', () => {
  test('creates a ResilientQueue (with its dead-letter queue) and POST / writes into it through SendMessage', () => {
    const { template, front } = build();
    expect(front.resilientQueue).toBeInstanceOf(ResilientQueue);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('RestApi'), 'RootResourceId'] },
      AuthorizationType: 'AWS_IAM',
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        PassthroughBehavior: 'NEVER',
        RequestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        Uri: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:us-east-1:sqs:path/123456789012/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersQueue'), 'QueueName'] }]],
        },
        Credentials: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersIntegrationRole'), 'Arn'] },
      },
    });
  });

  test('the request template sends the body unchanged and tags the message with the API request id', () => {
    expect(requestTemplate(build().template)).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)'
      + '&MessageAttribute.1.Name=apiRequestId&MessageAttribute.1.Value.DataType=String'
      + '&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.requestId)');
  });

  test('responses: 200 with the SQS message id, SQS 4xx -> 400, SQS 5xx -> 500', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      MethodResponses: [{ StatusCode: '200' }, { StatusCode: '400' }, { StatusCode: '500' }],
      Integration: {
        IntegrationResponses: [
          { StatusCode: '200', ResponseTemplates: { 'application/json': Match.stringLikeRegexp("\\$input.path\\('\\$.SendMessageResponse.SendMessageResult.MessageId'\\)") } },
          { StatusCode: '400', SelectionPattern: '4\\d{2}', ResponseTemplates: { 'application/json': Match.stringLikeRegexp('requestId') } },
          { StatusCode: '500', SelectionPattern: '5\\d{2}', ResponseTemplates: { 'application/json': Match.stringLikeRegexp('requestId') } },
        ],
      },
    });
  });

  test('the integration role may only send to this queue, through a customer managed policy', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }] },
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^OrdersSendMessagePolicy') }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersQueue'), 'Arn'] } }] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a KMS-encrypted queue adds GenerateDataKey and Decrypt on its key only', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    const { template } = build({ queueProps: { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key } }, stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersQueue'), 'Arn'] } },
          { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QueueKey'), 'Arn'] } },
        ],
      },
    });
  });

  test('an existing queue (ResilientQueue or imported) is used instead of creating one', () => {
    const stack = newStack();
    const existing = new ResilientQueue(stack, 'Existing');
    const { template, front } = build({ queue: existing.queue }, stack);
    expect(front.resilientQueue).toBeUndefined();
    expect(front.queue).toBe(existing.queue);
    template.resourceCountIs('AWS::SQS::Queue', 2);

    const imported = newStack();
    const queue = sqs.Queue.fromQueueArn(imported, 'Imported', 'arn:aws:sqs:us-east-1:210987654321:orders');
    build({ queue }, imported).template.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { Uri: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:us-east-1:sqs:path/210987654321/orders']] } },
    });
  });

  test('the body must be a JSON object by default (validated by API Gateway); a custom schema and path', () => {
    build().template.hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' } });
    const { template } = build({
      resourcePath: 'orders/v1',
      requestBodySchema: { type: apigw.JsonSchemaType.OBJECT, required: ['orderId'] },
      requiredRequestParameters: ['method.request.header.X-Client-Id'],
    });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'v1' });
    template.hasResourceProperties('AWS::ApiGateway::Model', { Schema: { type: 'object', required: ['orderId'] } });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      RequestValidatorId: { Ref: Match.stringLikeRegexp('RequestValidator') },
      RequestParameters: { 'method.request.header.X-Client-Id': true },
    });
  });

  test('FIFO queues: a required message group header and a deduplication id (header, else the API request id)', () => {
    const { template } = build({ queueProps: { fifo: true } });
    template.hasResourceProperties('AWS::ApiGateway::Method', { RequestParameters: { 'method.request.header.X-Message-Group-Id': true } });
    expect(requestTemplate(template)).toContain("&MessageGroupId=$util.urlEncode($input.params('X-Message-Group-Id'))"
      + "#if($input.params('X-Deduplication-Id') != \"\")&MessageDeduplicationId=$util.urlEncode($input.params('X-Deduplication-Id'))"
      + '#else&MessageDeduplicationId=$util.urlEncode($context.requestId)#end');
  });

  test('FIFO queues with content-based deduplication leave requests without the header to SQS', () => {
    const { template } = build({ queueProps: { fifo: true, contentBasedDeduplication: true }, messageGroupIdHeader: 'X-Tenant' });
    const vtl = requestTemplate(template);
    expect(vtl).toContain("MessageGroupId=$util.urlEncode($input.params('X-Tenant'))");
    expect(vtl).toMatch(/#else#end$/);
  });

  test('inherits the SecureRestApi defaults: WAF, access logs, tracing', () => {
    const { template } = build();
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true, AccessLogSetting: Match.objectLike({ Format: Match.anyValue() }) });
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(build().stack)).toMatchSnapshot();
  });
});

describe('RestApiToQueue validation', () => {
  test.each([
    [{ authorization: undefined }, /RestApiToQueue: invalid authorization \(undefined\)/],
    [{ queueProps: {}, queue: 'existing' }, /RestApiToQueue: invalid queueProps \("set"\); allowed: left out when an existing queue is given/],
    [{ messageGroupIdHeader: 'X Group' }, /invalid messageGroupIdHeader \("X Group"\); allowed: a header name of letters, digits and hyphens/],
    [{ resourcePath: 'orders/{id}' }, /invalid resourcePath \("orders\/\{id\}"\)/],
    [{ requiredRequestParameters: ['header.X'] }, /RestApiToQueue: invalid requiredRequestParameters \("header.X"\)/],
    [{ throttle: { rateLimit: -1, burstLimit: 0 } }, /RestApiToQueue: invalid throttle.rateLimit \(-1\)/],
  ] as Array<[any, RegExp]>)('rejects %j', (props, error) => {
    const stack = newStack();
    const resolved = props.queue === 'existing' ? { ...props, queue: new ResilientQueue(stack, 'Existing').queue } : props;
    expect(() => build(resolved, stack)).toThrow(error);
  });
});

describe('RestApiToQueue is nag-clean and warning-free', () => {
  for (const [appName, makeApp] of APP_VARIANTS) {
    test(`${appName}, standard and FIFO queues`, () => {
      const stack = newStack(makeApp());
      new RestApiToQueue(stack, 'Orders', { authorization: RestApiAuthorization.iam() });
      new RestApiToQueue(stack, 'FifoOrders', { authorization: RestApiAuthorization.iam(), queueProps: { fifo: true } });
      expect(nagErrors(stack)).toEqual([]);
      expect(nagFindings(stack)).toEqual([]);
      expect(synthWarnings(stack)).toEqual([]);
    });
  }
});
