import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildPipeline } from './pipeline-fixture';
import { submitterCode } from '../../src/batch/submitter-code';
import { newStack } from '../util/apps';

describe('the submitter code asset', () => {
  test('from a source checkout, the TypeScript handler is transpiled into a runnable CommonJS index.js', () => {
    const app = new App();
    const { stack } = buildPipeline({}, newStack(app));
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template;
    const fn = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'index.handler');
    const assetDir = `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`;
    const code = fs.readFileSync(path.join(assembly.directory, assetDir, 'index.js'), 'utf8');
    expect(code).toMatch(/exports\.handler = handler/);
    expect(code).toMatch(/require\("@aws-sdk\/client-batch"\)/);
    // Nothing else is required: the asset holds only this file, and the runtime only has the AWS SDK.
    expect(code.match(/require\("[^"]+"\)/g)).toEqual(['require("@aws-sdk/client-batch")']);
  });

  test('from the published package (compiled index.js beside it), the folder is used as it is, without bundling', () => {
    const compiled = fs.mkdtempSync(path.join(os.tmpdir(), 'submitter-'));
    fs.writeFileSync(path.join(compiled, 'index.js'), 'exports.handler = async () => ({});');
    const fromAsset = jest.spyOn(lambda.Code, 'fromAsset');
    try {
      submitterCode(compiled);
      expect(fromAsset.mock.calls).toEqual([[compiled]]);
    } finally {
      fromAsset.mockRestore();
      fs.rmSync(compiled, { recursive: true });
    }
  });
});
