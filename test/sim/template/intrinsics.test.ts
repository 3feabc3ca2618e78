import { byId, load, resolveProps } from './helpers';

const QUEUE = { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } } };

describe('Ref', () => {
  test('Ref to a parameter returns its value; to a resource, what the type returns (SQS: the queue URL)', () => {
    const p = resolveProps({ A: { Ref: 'Env' }, B: { Ref: 'Q' } }, { Parameters: { Env: { Type: 'String', Default: 'dev' } }, Resources: QUEUE });
    expect(p).toEqual({ A: 'dev', B: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders' });
  });

  test('pseudo parameters: AccountId, Region, Partition, URLSuffix, StackName, StackId, NotificationARNs', () => {
    const p = resolveProps({
      a: { Ref: 'AWS::AccountId' },
      r: { Ref: 'AWS::Region' },
      p: { Ref: 'AWS::Partition' },
      u: { Ref: 'AWS::URLSuffix' },
      n: { Ref: 'AWS::StackName' },
      i: { Ref: 'AWS::StackId' },
      arns: { Ref: 'AWS::NotificationARNs' },
    });
    expect(p).toEqual({
      a: '123456789012',
      r: 'us-east-1',
      p: 'aws',
      u: 'amazonaws.com',
      n: 'TestStack',
      i: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/TestStack\//),
      arns: [],
    });
  });

  test('Ref AWS::NoValue removes the property', () => {
    expect(resolveProps({ A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual({ B: 1 });
  });

  test('Ref to an undefined name fails as CloudFormation: Unresolved resource dependencies', () => {
    expect(() => resolveProps({ A: { Ref: 'Nope' } })).toThrow('Unresolved resource dependencies [Nope] in the Resources block of the template');
  });
});

describe('Fn::GetAtt', () => {
  test('array and dotted-string forms give the same attribute', () => {
    const p = resolveProps({ a: { 'Fn::GetAtt': ['Q', 'Arn'] }, b: { 'Fn::GetAtt': 'Q.Arn' }, c: { 'Fn::GetAtt': ['Q', 'QueueName'] } }, { Resources: QUEUE });
    expect(p).toEqual({ a: 'arn:aws:sqs:us-east-1:123456789012:orders', b: 'arn:aws:sqs:us-east-1:123456789012:orders', c: 'orders' });
  });

  test('the attribute name may be a Ref to a parameter', () => {
    const p = resolveProps({ a: { 'Fn::GetAtt': ['Q', { Ref: 'Attr' }] } }, { Resources: QUEUE, Parameters: { Attr: { Type: 'String', Default: 'QueueUrl' } } });
    expect(p.a).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
  });

  test('an attribute the simulator does not model gives a placeholder and is listed as unsupported', () => {
    const loaded = load({ Resources: { X: { Type: 'Custom::Thing' }, Probe: { Type: 'Test::P', Properties: { v: { 'Fn::GetAtt': ['X', 'Secret'] } } } } });
    expect(byId(loaded, 'Probe').properties.v).toBe('sim-placeholder:X.Secret');
    expect(loaded.unsupported).toEqual([expect.objectContaining({ logicalId: 'X', type: 'Custom::Thing' })]);
  });
});

describe('Fn::Join, Fn::Select, Fn::Split, Fn::Base64, Fn::GetAZs, Fn::FindInMap', () => {
  test('Fn::Join joins resolved values with the delimiter', () => {
    expect(resolveProps({ v: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', 5]] } }).v).toBe('arn:aws:sqs:5');
  });

  test('Fn::Join of a non-list fails with CloudFormation\'s message', () => {
    expect(() => resolveProps({ v: { 'Fn::Join': ['', 'abc'] } })).toThrow('every Fn::Join object requires two parameters');
  });

  test('Fn::Select picks by index (a numeric string works) and rejects an index out of range', () => {
    expect(resolveProps({ v: { 'Fn::Select': ['1', ['a', 'b', 'c']] } }).v).toBe('b');
    expect(() => resolveProps({ v: { 'Fn::Select': [3, ['a']] } })).toThrow('Fn::Select cannot select nonexistent value at index 3');
  });

  test('Fn::Split splits a resolved string; Select of Split takes a piece of an ARN', () => {
    const p = resolveProps({ v: { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Q', 'Arn'] }] }] } }, { Resources: QUEUE });
    expect(p.v).toBe('orders');
  });

  test('Fn::Base64 encodes UTF-8', () => {
    expect(resolveProps({ v: { 'Fn::Base64': 'héllo' } }).v).toBe(Buffer.from('héllo').toString('base64'));
  });

  test('Fn::GetAZs lists zones of the stack region for "" and Ref AWS::Region', () => {
    expect(resolveProps({ a: { 'Fn::GetAZs': '' }, b: { 'Fn::GetAZs': { Ref: 'AWS::Region' } } })).toEqual({
      a: ['us-east-1a', 'us-east-1b', 'us-east-1c'], b: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
  });

  test('Fn::FindInMap reads Mappings; a missing key fails as CloudFormation words it', () => {
    const Mappings = { Sizes: { 'us-east-1': { Batch: 10 } } };
    expect(resolveProps({ v: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Batch'] } }, { Mappings }).v).toBe(10);
    expect(() => resolveProps({ v: { 'Fn::FindInMap': ['Sizes', 'eu-west-1', 'Batch'] } }, { Mappings })).toThrow('Unable to get mapping for Sizes::eu-west-1::Batch');
  });
});

describe('Fn::Sub', () => {
  test('string form substitutes pseudo parameters, parameters, resource Refs and Resource.Attr', () => {
    const p = resolveProps({ v: { 'Fn::Sub': '${AWS::Region}/${Env}/${Q}/${Q.Arn}' } }, { Resources: QUEUE, Parameters: { Env: { Type: 'String', Default: 'prod' } } });
    expect(p.v).toBe('us-east-1/prod/https://sqs.us-east-1.amazonaws.com/123456789012/orders/arn:aws:sqs:us-east-1:123456789012:orders');
  });

  test('array form uses the variable map first (values may be intrinsics)', () => {
    const p = resolveProps({ v: { 'Fn::Sub': ['${Name}-${AWS::AccountId}', { Name: { 'Fn::GetAtt': ['Q', 'QueueName'] } }] } }, { Resources: QUEUE });
    expect(p.v).toBe('orders-123456789012');
  });

  test('${!Literal} is written as ${Literal}', () => {
    expect(resolveProps({ v: { 'Fn::Sub': 'keep ${!Literal} and ${AWS::Partition}' } }).v).toBe('keep ${Literal} and aws');
  });

  test('an undefined variable fails as an unresolved dependency', () => {
    expect(() => resolveProps({ v: { 'Fn::Sub': '${Missing}' } })).toThrow('Unresolved resource dependencies [Missing]');
  });
});

describe('Fn::If and Conditions', () => {
  const Parameters = { Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] } };
  const Conditions = {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    ProdInUsEast1: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
    DevOrEu: { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
  };

  test('Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition references', () => {
    const loaded = load({ Parameters, Conditions, Resources: { Probe: { Type: 'T::T::T' } } });
    expect(loaded.conditions).toEqual({ IsProd: true, IsDev: false, ProdInUsEast1: true, DevOrEu: false });
  });

  test('parameter overrides change the conditions', () => {
    const loaded = load({ Parameters, Conditions, Resources: { Probe: { Type: 'T::T::T' } } }, { parameters: { Env: 'dev' } });
    expect(loaded.conditions).toMatchObject({ IsProd: false, IsDev: true, DevOrEu: true });
  });

  test('Fn::If picks a branch; AWS::NoValue removes the property or list element', () => {
    const p = resolveProps({
      size: { 'Fn::If': ['IsProd', 10, 1] },
      gone: { 'Fn::If': ['IsDev', 'x', { Ref: 'AWS::NoValue' }] },
      list: ['a', { 'Fn::If': ['IsDev', 'b', { Ref: 'AWS::NoValue' }] }],
    }, { Parameters, Conditions });
    expect(p).toEqual({ size: 10, list: ['a'] });
  });

  test('a resource whose Condition is false is not created, and referencing it outside an untaken Fn::If branch fails', () => {
    const loaded = load({
      Parameters,
      Conditions,
      Resources: {
        DevQueue: { Type: 'AWS::SQS::Queue', Condition: 'IsDev' },
        Probe: { Type: 'T::T::T', Properties: { v: { 'Fn::If': ['IsDev', { Ref: 'DevQueue' }, 'none'] } } },
      },
    });
    expect(loaded.resources.map(r => r.logicalId)).toEqual(['Probe']);
    expect(loaded.skipped).toEqual([{ logicalId: 'DevQueue', type: 'AWS::SQS::Queue', condition: 'IsDev', path: undefined }]);
    expect(byId(loaded, 'Probe').properties.v).toBe('none');
    expect(() => load({
      Parameters,
      Conditions,
      Resources: { DevQueue: { Type: 'AWS::SQS::Queue', Condition: 'IsDev' }, Probe: { Type: 'T::T::T', Properties: { v: { Ref: 'DevQueue' } } } },
    })).toThrow('Unresolved resource dependencies [DevQueue]');
  });

  test('conditions cannot reference resources (CloudFormation: Cannot reference resources in the Conditions block)', () => {
    expect(() => load({ Conditions: { C: { 'Fn::Equals': [{ Ref: 'Q' }, 'x'] } }, Resources: QUEUE }))
      .toThrow('Cannot reference resources in the Conditions block of the template');
  });

  test('Fn::If naming an undefined condition fails', () => {
    expect(() => resolveProps({ v: { 'Fn::If': ['Nope', 1, 2] } })).toThrow('Unresolved condition dependency Nope');
  });

  test('Outputs with a false Condition are left out; others are resolved', () => {
    const loaded = load({ Parameters, Conditions, Resources: QUEUE, Outputs: { Url: { Value: { Ref: 'Q' } }, Dev: { Condition: 'IsDev', Value: 'x' } } });
    expect(loaded.outputs).toEqual({ Url: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders' });
  });
});

describe('unsupported intrinsics', () => {
  test('Fn::ImportValue of a name no loaded stack exports fails as CloudFormation fails the import', () => {
    expect(() => resolveProps({ v: { 'Fn::ImportValue': 'SharedTopicArn' } })).toThrow('No export named SharedTopicArn found.');
  });

  test('an unknown Fn:: function is named in the error', () => {
    expect(() => resolveProps({ v: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } })).toThrow(/the intrinsic function Fn::Cidr is not supported/);
  });

  test('a Transform is refused (it runs inside CloudFormation)', () => {
    expect(() => load({ Transform: 'AWS::Serverless-2016-10-31', Resources: QUEUE })).toThrow(/Transform/);
  });
});
