import { ResourcePolicyEvaluator } from '../../../src/sim/iam';
import { permissionStatement } from '../../../src/sim/lambda/permission';
import { CallerIdentity, PolicyDocumentLike } from '../../../src/sim/runtime';
import { ownerIdentity, resource as templateResource, serviceIdentity, TEST_ENV } from '../fixtures';

const iam = new ResourcePolicyEvaluator('123456789012');
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:orders';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:events';
const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:other';
const sns = serviceIdentity('sns', TOPIC);
const owner = ownerIdentity();
const stranger: CallerIdentity = { principalType: 'AWS', principal: 'arn:aws:iam::999999999999:root', secureTransport: true };

function policy(...Statement: any[]): PolicyDocumentLike {
  return { Version: '2012-10-17', Statement };
}

function allowSnsFrom(topic: string): any {
  return { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { ArnEquals: { 'aws:SourceArn': topic } } };
}

const send = (caller: CallerIdentity, action = 'sqs:SendMessage', resource = QUEUE) => ({ action, resource, caller });

describe('evaluation logic (resource-based policies)', () => {
  test('a matching Allow allows; no matching statement is an implicit deny', () => {
    expect(iam.evaluate([policy(allowSnsFrom(TOPIC))], send(sns))).toBe('Allow');
    expect(iam.evaluate([policy(allowSnsFrom(OTHER_TOPIC))], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([], send(sns))).toBe('ImplicitDeny');
  });

  test('an explicit Deny overrides any Allow, in the same or another policy', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const plain = { ...sns, secureTransport: false };
    expect(iam.evaluate([policy(allowSnsFrom(TOPIC), deny)], send(plain))).toBe('ExplicitDeny');
    expect(iam.evaluate([policy(allowSnsFrom(TOPIC)), policy(deny)], send(plain))).toBe('ExplicitDeny');
    expect(iam.evaluate([policy(allowSnsFrom(TOPIC), deny)], send(sns))).toBe('Allow');
  });

  test('isAllowed: a service principal needs an explicit Allow', () => {
    expect(iam.isAllowed([], send(sns))).toBe(false);
    expect(iam.isAllowed([policy(allowSnsFrom(TOPIC))], send(sns))).toBe(true);
  });

  test('isAllowed: the owner account is allowed without a resource policy (identity policies are not modelled) unless explicitly denied', () => {
    expect(iam.isAllowed([], send(owner))).toBe(true);
    expect(iam.isAllowed([policy({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: QUEUE })], send(owner))).toBe(false);
    expect(iam.isAllowed([], { action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/key', caller: owner })).toBe(true);
  });

  test('isAllowed: another account needs an explicit Allow naming it', () => {
    expect(iam.isAllowed([], send(stranger))).toBe(false);
    expect(iam.isAllowed([policy({ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sqs:SendMessage', Resource: QUEUE })], send(stranger))).toBe(true);
  });

  test('a policy given as a JSON string is evaluated the same', () => {
    expect(iam.evaluate([JSON.stringify(policy(allowSnsFrom(TOPIC))) as unknown as PolicyDocumentLike], send(sns))).toBe('Allow');
  });

  test('a single Statement object (not a list) is accepted', () => {
    expect(iam.evaluate([{ Statement: allowSnsFrom(TOPIC) }], send(sns))).toBe('Allow');
  });
});

describe('Principal', () => {
  const stmt = (Principal: unknown) => policy({ Effect: 'Allow', Principal, Action: 'sqs:SendMessage', Resource: QUEUE });

  test('"*" and {"AWS": "*"} name everyone, services included', () => {
    expect(iam.evaluate([stmt('*')], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ AWS: '*' })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ AWS: '*' })], send(stranger))).toBe('Allow');
  });

  test('an account id or account root ARN names every principal of that account', () => {
    const role: CallerIdentity = { principalType: 'AWS', principal: 'arn:aws:iam::999999999999:role/app', secureTransport: true };
    expect(iam.evaluate([stmt({ AWS: 'arn:aws:iam::999999999999:root' })], send(role))).toBe('Allow');
    expect(iam.evaluate([stmt({ AWS: ['111111111111', '999999999999'] })], send(role))).toBe('Allow');
    expect(iam.evaluate([stmt({ AWS: 'arn:aws:iam::999999999999:role/other' })], send(role))).toBe('ImplicitDeny');
  });

  test('{"Service": ...} names only that service principal', () => {
    expect(iam.evaluate([stmt({ Service: ['s3.amazonaws.com', 'sns.amazonaws.com'] })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Service: 's3.amazonaws.com' })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Service: 'sns.amazonaws.com' })], send(owner))).toBe('ImplicitDeny');
  });

  test('NotPrincipal matches everyone not listed', () => {
    const p = policy({ Effect: 'Deny', NotPrincipal: { Service: 'sns.amazonaws.com' }, Action: '*', Resource: '*' });
    expect(iam.evaluate([p], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([p], send(owner))).toBe('ExplicitDeny');
  });

  test('a statement without Principal grants nothing in a resource policy', () => {
    expect(iam.evaluate([policy({ Effect: 'Allow', Action: '*', Resource: '*' })], send(sns))).toBe('ImplicitDeny');
  });
});

describe('Action and Resource', () => {
  const stmt = (extra: object) => policy({ Effect: 'Allow', Principal: '*', ...extra });

  test('actions match with wildcards and without regard to case (service prefix and name)', () => {
    expect(iam.evaluate([stmt({ Action: 'SQS:Send*', Resource: QUEUE })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: 'sqs:sendmessage', Resource: QUEUE })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: ['sqs:ReceiveMessage', 'sqs:?eleteMessage'], Resource: QUEUE })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Action: 'sqs:*', Resource: QUEUE })], send(sns))).toBe('Allow');
  });

  test('NotAction matches every action not listed', () => {
    expect(iam.evaluate([stmt({ NotAction: 'sqs:ReceiveMessage', Resource: QUEUE })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ NotAction: 'sqs:Send*', Resource: QUEUE })], send(sns))).toBe('ImplicitDeny');
  });

  test('resources match case-sensitively with wildcards; NotResource inverts', () => {
    expect(iam.evaluate([stmt({ Action: '*', Resource: 'arn:aws:sqs:us-east-1:123456789012:ord*' })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: '*', Resource: 'arn:aws:sqs:us-east-1:123456789012:ORDERS' })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Action: '*', NotResource: 'arn:aws:sqs:*:*:refunds' })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: '*', NotResource: QUEUE })], send(sns))).toBe('ImplicitDeny');
  });

  test('a long list of resources (one policy for many queues) matches exactly one of them, exact or wildcard; NotResource too', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `arn:aws:sqs:us-east-1:123456789012:queue-${i}`);
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', Resource: many })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', Resource: [...many, QUEUE] })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', Resource: [...many, QUEUE.toUpperCase()] })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', Resource: [...many, 'arn:aws:sqs:*:*:ord?rs'] })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', NotResource: [...many, QUEUE] })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Action: 'sqs:SendMessage', NotResource: many })], send(sns))).toBe('Allow');
  });
});

describe('Condition', () => {
  const stmt = (Condition: object) => policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition });

  test('StringEquals / StringNotEquals on aws:SourceAccount; condition key names are case-insensitive', () => {
    expect(iam.evaluate([stmt({ StringEquals: { 'AWS:SOURCEACCOUNT': '123456789012' } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ StringEquals: { 'aws:SourceAccount': '999999999999' } })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ StringNotEquals: { 'aws:SourceAccount': '999999999999' } })], send(sns))).toBe('Allow');
  });

  test('StringLike / StringNotLike with wildcards', () => {
    expect(iam.evaluate([stmt({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:ev*' } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ StringNotLike: { 'aws:SourceArn': '*:events' } })], send(sns))).toBe('ImplicitDeny');
  });

  test('ArnEquals / ArnLike compare each ARN part with wildcards; ArnNotEquals / ArnNotLike invert', () => {
    expect(iam.evaluate([stmt({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:events' } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ ArnEquals: { 'aws:SourceArn': TOPIC } })], send(sns))).toBe('Allow');
    // A wildcard does not cross a part boundary: '*' in the service part cannot swallow the region.
    expect(iam.evaluate([stmt({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:123456789012:events' } })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ ArnNotEquals: { 'aws:SourceArn': OTHER_TOPIC } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } })], send(sns))).toBe('ImplicitDeny');
  });

  test('Bool on aws:SecureTransport', () => {
    expect(iam.evaluate([stmt({ Bool: { 'aws:SecureTransport': 'true' } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ Bool: { 'aws:SecureTransport': false } })], send(sns))).toBe('ImplicitDeny');
  });

  test('Numeric operators', () => {
    const caller = { ...sns, sourceAccount: '000000000100' };
    expect(iam.evaluate([stmt({ NumericGreaterThan: { 'aws:SourceAccount': '99' } })], send(caller))).toBe('Allow');
    expect(iam.evaluate([stmt({ NumericLessThanEquals: { 'aws:SourceAccount': 99 } })], send(caller))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ NumericEquals: { 'aws:SourceAccount': '100' } })], send(caller))).toBe('Allow');
    expect(iam.evaluate([stmt({ NumericNotEquals: { 'aws:SourceAccount': '100' } })], send(caller))).toBe('ImplicitDeny');
  });

  test('aws:PrincipalAccount is the account of an AWS principal', () => {
    expect(iam.evaluate([stmt({ StringEquals: { 'aws:PrincipalAccount': '999999999999' } })], send(stranger))).toBe('Allow');
    expect(iam.evaluate([stmt({ StringEquals: { 'aws:PrincipalAccount': '999999999999' } })], send(owner))).toBe('ImplicitDeny');
  });

  test('multiple values of one key are ORed; several keys and operators are ANDed', () => {
    expect(iam.evaluate([stmt({ ArnEquals: { 'aws:SourceArn': [OTHER_TOPIC, TOPIC] } })], send(sns))).toBe('Allow');
    expect(iam.evaluate([stmt({ ArnEquals: { 'aws:SourceArn': TOPIC }, StringEquals: { 'aws:SourceAccount': '999999999999' } })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ ArnEquals: { 'aws:SourceArn': TOPIC }, StringEquals: { 'aws:SourceAccount': '123456789012' } })], send(sns))).toBe('Allow');
    // A negated operator with several values holds only when the value matches none of them.
    expect(iam.evaluate([stmt({ ArnNotEquals: { 'aws:SourceArn': [OTHER_TOPIC, TOPIC] } })], send(sns))).toBe('ImplicitDeny');
  });

  test('a key absent from the request: the condition is false, but true for negated operators', () => {
    expect(iam.evaluate([stmt({ ArnEquals: { 'aws:SourceArn': TOPIC } })], send(owner))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ ArnNotEquals: { 'aws:SourceArn': TOPIC } })], send(owner))).toBe('Allow');
  });

  test('...IfExists holds when the key is absent and checks it when present', () => {
    expect(iam.evaluate([stmt({ ArnEqualsIfExists: { 'aws:SourceArn': TOPIC } })], send(owner))).toBe('Allow');
    expect(iam.evaluate([stmt({ ArnEqualsIfExists: { 'aws:SourceArn': OTHER_TOPIC } })], send(sns))).toBe('ImplicitDeny');
  });

  test('Null: "true" requires the key to be absent, "false" present', () => {
    expect(iam.evaluate([stmt({ Null: { 'aws:SourceArn': 'true' } })], send(owner))).toBe('Allow');
    expect(iam.evaluate([stmt({ Null: { 'aws:SourceArn': 'true' } })], send(sns))).toBe('ImplicitDeny');
    expect(iam.evaluate([stmt({ Null: { 'aws:SourceArn': 'false' } })], send(sns))).toBe('Allow');
  });

  test('an unsupported condition operator is named in the error', () => {
    expect(() => iam.evaluate([stmt({ Wobbly: { 'aws:SourceArn': 'x' } })], send(sns))).toThrow("condition operator 'Wobbly' is not supported");
  });
});

describe('Lambda permissions', () => {
  const FN = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
  const permission = (properties: Record<string, unknown>) => templateResource('AWS::Lambda::Permission', 'Allow', { FunctionName: 'worker', ...properties });
  const invoke = (caller: CallerIdentity) => ({ action: 'lambda:InvokeFunction', resource: FN, caller });
  const policyOf = (...permissions: ReturnType<typeof permission>[]): PolicyDocumentLike =>
    ({ Version: '2012-10-17', Statement: permissions.map(p => permissionStatement(p, FN, TEST_ENV)) });

  test('a permission for one topic allows that topic and not another (SourceArn), nor another service', () => {
    const p = policyOf(permission({ Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: TOPIC }));
    expect(iam.isAllowed([p], invoke(sns))).toBe(true);
    expect(iam.isAllowed([p], invoke(serviceIdentity('sns', OTHER_TOPIC)))).toBe(false);
    expect(iam.isAllowed([p], invoke(serviceIdentity('s3', 'arn:aws:s3:::b')))).toBe(false);
  });

  test('an account principal allows that account\'s callers (its root) and not another account', () => {
    const p = policyOf(permission({ Action: 'lambda:InvokeFunction', Principal: '999999999999' }));
    expect(iam.isAllowed([p], invoke(stranger))).toBe(true);
    expect(iam.isAllowed([p], invoke({ principalType: 'AWS', principal: 'arn:aws:iam::111122223333:root', secureTransport: true }))).toBe(false);
  });

  test('SourceAccount limits a service principal to sources in that account', () => {
    const p = policyOf(permission({ Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceAccount: '123456789012' }));
    expect(iam.isAllowed([p], invoke(serviceIdentity('s3', 'arn:aws:s3:::b')))).toBe(true);
    expect(iam.isAllowed([p], invoke({ ...serviceIdentity('s3', 'arn:aws:s3:::b'), sourceAccount: '999999999999' }))).toBe(false);
  });
});
