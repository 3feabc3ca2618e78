import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StableSnapshot } from '../../src';

describe('StableSnapshot', () => {
  test('replaces asset hashes so a snapshot does not move when asset content changes', () => {
    const stack = new Stack(new App(), 'S');
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname)),
    });
    const stable = JSON.stringify(StableSnapshot.of(stack));
    expect(stable).toContain('<asset-hash>');
    expect(stable).not.toMatch(/[0-9a-f]{64}/);
    expect(stable).not.toContain('BootstrapVersion');
  });

  test('leaves architecture values untouched', () => {
    const template = { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { ReceiveMessageWaitTimeSeconds: 20 } } } };
    expect(StableSnapshot.normalize(template)).toEqual(template);
  });
});
