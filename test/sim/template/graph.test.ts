import { load } from './helpers';

describe('dependency order', () => {
  test('a resource comes after what it references through Ref, Fn::GetAtt, Fn::Sub and DependsOn', () => {
    const loaded = load({
      Resources: {
        Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Protocol: 'sqs' } },
        Policy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ 'Fn::Sub': '${Queue}' }] }, DependsOn: 'Late' },
        Late: { Type: 'T::T::T' },
        Topic: { Type: 'AWS::SNS::Topic' },
        Queue: { Type: 'AWS::SQS::Queue' },
      },
    });
    const order = loaded.resources.map(r => r.logicalId);
    expect(order.indexOf('Topic')).toBeLessThan(order.indexOf('Sub'));
    expect(order.indexOf('Queue')).toBeLessThan(order.indexOf('Sub'));
    expect(order.indexOf('Queue')).toBeLessThan(order.indexOf('Policy'));
    expect(order.indexOf('Late')).toBeLessThan(order.indexOf('Policy'));
  });

  test('independent resources keep template order', () => {
    const loaded = load({ Resources: { C: { Type: 'T::T::T' }, A: { Type: 'T::T::T' }, B: { Type: 'T::T::T' } } });
    expect(loaded.resources.map(r => r.logicalId)).toEqual(['C', 'A', 'B']);
  });

  test('a cycle fails as CloudFormation reports it: Circular dependency between resources: [...]', () => {
    expect(() => load({
      Resources: {
        A: { Type: 'T::T::T', Properties: { x: { Ref: 'B' } } },
        B: { Type: 'T::T::T', Properties: { x: { 'Fn::GetAtt': ['C', 'Arn'] } } },
        C: { Type: 'T::T::T', DependsOn: ['A'] },
      },
    })).toThrow('Circular dependency between resources: [A, B, C]');
  });

  test('DependsOn naming an undefined resource fails', () => {
    expect(() => load({ Resources: { A: { Type: 'T::T::T', DependsOn: 'Ghost' } } })).toThrow('Unresolved resource dependencies [Ghost]');
  });

  test('a template without resources fails (CloudFormation: At least one Resources member must be defined)', () => {
    expect(() => load({ Resources: {} })).toThrow('At least one Resources member must be defined.');
  });

  test('aws:cdk:path metadata becomes the resource path', () => {
    const loaded = load({ Resources: { Q: { Type: 'AWS::SQS::Queue', Metadata: { 'aws:cdk:path': 'Stack/Orders/Queue/Resource' } } } });
    expect(loaded.resources[0].path).toBe('Stack/Orders/Queue/Resource');
  });
});

describe('parameters', () => {
  const Parameters = {
    Size: { Type: 'Number', Default: '5', MinValue: 1, MaxValue: 10 },
    Names: { Type: 'CommaDelimitedList', Default: 'a,b' },
    Env: { Type: 'String', AllowedValues: ['dev', 'prod'] },
  };
  const template = { Parameters, Resources: { P: { Type: 'T::T::T', Properties: { s: { Ref: 'Size' }, n: { Ref: 'Names' }, e: { Ref: 'Env' } } } } };

  test('defaults apply; overrides win; list types become lists', () => {
    expect(load(template, { parameters: { Env: 'dev' } }).resources[0].properties).toEqual({ s: '5', n: ['a', 'b'], e: 'dev' });
    expect(load(template, { parameters: { Env: 'prod', Size: 7, Names: ['x'] } }).resources[0].properties).toEqual({ s: '7', n: ['x'], e: 'prod' });
  });

  test('a parameter without a default or value fails: Parameters: [X] must have values', () => {
    expect(() => load(template)).toThrow('Parameters: [Env] must have values');
  });

  test('AllowedValues, Number type and ranges are checked as CloudFormation checks them', () => {
    expect(() => load(template, { parameters: { Env: 'qa' } })).toThrow("Parameter 'Env' must be one of AllowedValues");
    expect(() => load(template, { parameters: { Env: 'dev', Size: 'x' } })).toThrow("Parameter 'Size' must be a number");
    expect(() => load(template, { parameters: { Env: 'dev', Size: 11 } })).toThrow("Parameter 'Size' must be a number not greater than 10");
  });

  test('an unknown parameter name fails: Parameters: [X] do not exist in the template', () => {
    expect(() => load(template, { parameters: { Env: 'dev', Nope: 1 } })).toThrow('Parameters: [Nope] do not exist in the template');
  });

  test('an SSM parameter type (CDK BootstrapVersion) does not block loading', () => {
    const t = { Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } }, Resources: { Q: { Type: 'AWS::SQS::Queue' } } };
    expect(load(t).parameters.BootstrapVersion).toBe('{{resolve:ssm:/cdk-bootstrap/hnb659fds/version}}');
  });
});
