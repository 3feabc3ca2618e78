/** A small cloud assembly on disk, as `cdk synth` writes it: a ResilientQueue consumed by a function, in stack `Shop`. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer, ResilientQueue } from '../../../src';

export function synthAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-assembly-'));
  // As the CDK CLI synthesizes: construct paths in the templates' metadata, and tree.json.
  const app = new App({ outdir, treeMetadata: true, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
  const orders = new ResilientQueue(stack, 'Orders', { visibilityTimeout: Duration.minutes(1) });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.seconds(10),
  });
  new QueueConsumer(stack, 'Consumer', { queue: orders.queue, handler, batchSize: 1 });
  new Stack(app, 'Empty').node.addMetadata('note', 'a second stack');
  app.synth();
  return outdir;
}

/** Writes a scenario file and returns its path. */
export function scenarioFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
