import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ACCOUNT, TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

/**
 * The AWS CLI (installed by .ci/run when the machine lacks it) against sim.listen(): SQS over the JSON protocol,
 * SNS over the query protocol, S3 over REST-XML, each signed with SigV4 by botocore.
 */
jest.setTimeout(60_000);

describe('the AWS CLI against sim.listen()', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<Simulator['listen']>>;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));

  beforeAll(async () => {
    sim = Simulator.fromTemplate(TEMPLATE);
    server = await sim.listen();
    const credentials = sim.credentialsFor(`arn:aws:iam::${ACCOUNT}:user/cli`);
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
  });
  afterAll(() => server.close());

  /** Runs `aws --endpoint-url <server> ...args`; resolves with stdout, rejects with stderr. */
  const aws = (...args: string[]) => new Promise<string>((resolve, reject) => {
    execFile('aws', ['--endpoint-url', server.endpoint, '--output', 'json', ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`aws ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });

  test('sqs send-message and receive-message: the message, its attributes and the CLI user as SenderId', async () => {
    const url = sim.queue('Orders').queueUrl;
    const sent = JSON.parse(await aws('sqs', 'send-message', '--queue-url', url, '--message-body', 'from the CLI',
      '--message-attributes', '{"source":{"DataType":"String","StringValue":"cli"}}'));
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const got = JSON.parse(await aws('sqs', 'receive-message', '--queue-url', url, '--attribute-names', 'All', '--message-attribute-names', 'All'));
    expect(got.Messages[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'from the CLI',
      MessageAttributes: { source: { DataType: 'String', StringValue: 'cli' } },
      Attributes: { SenderId: `arn:aws:iam::${ACCOUNT}:user/cli` },
    });
  });

  test('sqs on a queue that does not exist fails with the documented error', async () => {
    await expect(aws('sqs', 'send-message', '--queue-url', `${sim.queue('Orders').queueUrl}-nope`, '--message-body', 'x'))
      .rejects.toThrow(/QueueDoesNotExist|NonExistentQueue/);
  });

  test('sqs list-queues and get-queue-url, as `serve` suggests trying first', async () => {
    const listed = JSON.parse(await aws('sqs', 'list-queues'));
    expect(listed.QueueUrls).toEqual(expect.arrayContaining([sim.queue('Orders').queueUrl, sim.queue('Jobs').queueUrl]));
    expect(JSON.parse(await aws('sqs', 'get-queue-url', '--queue-name', 'orders'))).toEqual({ QueueUrl: sim.queue('Orders').queueUrl });
  });

  test('sns publish (query protocol) fans out to the subscribed queue', async () => {
    const out = JSON.parse(await aws('sns', 'publish', '--topic-arn', sim.topic('Events').topicArn, '--message', 'published by the CLI'));
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const got = JSON.parse(await aws('sqs', 'receive-message', '--queue-url', sim.queue('Jobs').queueUrl));
    expect(got.Messages[0].Body).toBe('published by the CLI');
  });

  test('s3 cp up and down, and s3 ls (ListObjectsV2 with encoding-type=url)', async () => {
    const file = join(dir, 'report.csv');
    writeFileSync(file, 'id,total\n1,9.5\n');
    await aws('s3', 'cp', file, 's3://archive/reports/q1 report.csv');
    const stored = await sim.bucket('Archive').getObject({ Key: 'reports/q1 report.csv' });
    expect(await stored.Body.transformToString()).toBe('id,total\n1,9.5\n');
    const listing = await aws('s3', 'ls', 's3://archive/reports/');
    expect(listing).toMatch(/15 q1 report\.csv/);
    const back = join(dir, 'back.csv');
    await aws('s3', 'cp', 's3://archive/reports/q1 report.csv', back);
    expect(readFileSync(back, 'utf8')).toBe('id,total\n1,9.5\n');
  });
});
