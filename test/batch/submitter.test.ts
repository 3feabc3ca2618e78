import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { decodeS3Key, handler, jobNameFor, S3NotificationEvent, SubmitJobsError } from '../../src/batch/submitter';

const QUEUE = 'arn:aws:batch:us-east-1:123456789012:job-queue/PipelineJobQueue';
const DEFINITION = 'arn:aws:batch:us-east-1:123456789012:job-definition/PipelineJobDefinition:3';

/** An S3 event notification as S3 sends it to Lambda (trimmed to the fields S3 always sets). */
function s3Event(...objects: Array<{ key: string; bucket?: string; eventName?: string }>): S3NotificationEvent {
  return {
    Records: objects.map(o => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-11-24T10:00:00.000Z',
      eventName: o.eventName ?? 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'notification-1',
        bucket: { name: o.bucket ?? 'uploads-bucket', arn: `arn:aws:s3:::${o.bucket ?? 'uploads-bucket'}` },
        object: { key: o.key, size: 20 * 1024 ** 3, eTag: 'abc', sequencer: '0055AED6DCD90281E5' },
      },
    })),
  } as S3NotificationEvent;
}

let send: jest.SpyInstance;
let log: jest.SpyInstance;

beforeEach(() => {
  process.env.JOB_QUEUE_ARN = QUEUE;
  process.env.JOB_DEFINITION_ARN = DEFINITION;
  delete process.env.JOB_NAME_PREFIX;
  let n = 0;
  send = jest.spyOn(BatchClient.prototype, 'send').mockImplementation(async () => ({ jobId: `job-${++n}`, jobName: 'x', jobArn: 'arn' }) as never);
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  send.mockRestore();
  log.mockRestore();
});

function submittedInputs(): any[] {
  return send.mock.calls.map(([command]) => {
    expect(command).toBeInstanceOf(SubmitJobCommand);
    return (command as SubmitJobCommand).input;
  });
}

describe('submitter handler', () => {
  test('submits one job per record with the bucket and the decoded key as parameters and environment', async () => {
    const report = await handler(s3Event({ key: 'incoming/2026/sales+report+%C3%BC.csv' }));

    expect(submittedInputs()).toEqual([{
      jobName: 's3-incoming-2026-sales-report-csv',
      jobQueue: QUEUE,
      jobDefinition: DEFINITION,
      parameters: { bucket: 'uploads-bucket', key: 'incoming/2026/sales report ü.csv' },
      containerOverrides: {
        environment: [
          { name: 'INPUT_BUCKET', value: 'uploads-bucket' },
          { name: 'INPUT_KEY', value: 'incoming/2026/sales report ü.csv' },
        ],
      },
    }]);
    expect(report).toEqual({
      submitted: [{ bucket: 'uploads-bucket', key: 'incoming/2026/sales report ü.csv', jobName: 's3-incoming-2026-sales-report-csv', jobId: 'job-1' }],
      failed: [],
      skipped: 0,
    });
  });

  test('one job per record, each with its own bucket and key', async () => {
    const report = await handler(s3Event({ key: 'a.csv' }, { key: 'b.csv', bucket: 'other-bucket' }));
    expect(submittedInputs().map(i => i.parameters)).toEqual([
      { bucket: 'uploads-bucket', key: 'a.csv' },
      { bucket: 'other-bucket', key: 'b.csv' },
    ]);
    expect(report.submitted.map(s => s.jobId)).toEqual(['job-1', 'job-2']);
  });

  test('uses JOB_NAME_PREFIX when set', async () => {
    process.env.JOB_NAME_PREFIX = 'nightly_';
    await handler(s3Event({ key: 'data.parquet' }));
    expect(submittedInputs()[0].jobName).toBe('nightly_data-parquet');
  });

  test('skips records that are not object-created events and S3 test events without records', async () => {
    const report = await handler(s3Event({ key: 'gone.csv', eventName: 'ObjectRemoved:Delete' }, { key: 'new.csv' }));
    expect(submittedInputs().map(i => i.parameters.key)).toEqual(['new.csv']);
    expect(report.skipped).toBe(1);

    send.mockClear();
    const testEvent = { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'uploads-bucket' } as S3NotificationEvent;
    expect(await handler(testEvent)).toEqual({ submitted: [], failed: [], skipped: 0 });
    expect(send).not.toHaveBeenCalled();
  });

  test('a failed SubmitJob fails the invocation after trying every record, naming the failed key', async () => {
    send.mockImplementation(async (command: SubmitJobCommand) => {
      if (command.input.parameters?.key === 'bad.csv') {
        throw Object.assign(new Error('Job queue is DISABLED'), { name: 'ClientException' });
      }
      return { jobId: 'job-ok' } as never;
    });

    const attempt = handler(s3Event({ key: 'good.csv' }, { key: 'bad.csv' }));
    await expect(attempt).rejects.toThrow(SubmitJobsError);
    await expect(attempt).rejects.toThrow('1 of 2 record(s) failed to submit a Batch job: s3://uploads-bucket/bad.csv (ClientException: Job queue is DISABLED)');
    const error: SubmitJobsError = await attempt.catch(e => e);
    expect(error.report.submitted).toEqual([expect.objectContaining({ key: 'good.csv', jobId: 'job-ok' })]);
    expect(error.report.failed).toEqual([{ bucket: 'uploads-bucket', key: 'bad.csv', error: 'ClientException: Job queue is DISABLED' }]);
    expect(send).toHaveBeenCalledTimes(2); // every record was tried, the good one before the error surfaced
  });

  test('a response without a job id counts as a failure', async () => {
    send.mockResolvedValue({} as never);
    await expect(handler(s3Event({ key: 'a.csv' }))).rejects.toThrow(/SubmitJob returned no jobId/);
  });

  test('a key that is not valid URL encoding is reported as a failure, not submitted', async () => {
    await expect(handler(s3Event({ key: 'broken%E0%A4%A.csv' }))).rejects.toThrow(/s3:\/\/uploads-bucket\/broken%E0%A4%A.csv \(URIError/);
    expect(send).not.toHaveBeenCalled();
  });

  test('fails fast when the queue or definition is not configured', async () => {
    delete process.env.JOB_DEFINITION_ARN;
    await expect(handler(s3Event({ key: 'a.csv' }))).rejects.toThrow('the submitter needs the environment variables JOB_QUEUE_ARN and JOB_DEFINITION_ARN');
    expect(send).not.toHaveBeenCalled();
  });
});

describe('S3 key decoding', () => {
  test.each([
    ['my+file.csv', 'my file.csv'],
    ['a%2Bb.csv', 'a+b.csv'],
    ['%E6%97%A5%E6%9C%AC/data.csv', '日本/data.csv'],
    ['plain/key.json', 'plain/key.json'],
  ])('%s decodes to %s', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });
});

describe('job names (1-128 letters, numbers, hyphens, underscores; first character a letter or number)', () => {
  const VALID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

  test('replaces runs of other characters with one hyphen', () => {
    expect(jobNameFor('s3-', 'in/2026 01/report (final).csv')).toBe('s3-in-2026-01-report-final-csv');
  });

  test('keeps the end of a long key and stays within 128 characters', () => {
    const key = `${'deep/'.repeat(40)}the-file-name.csv`;
    const name = jobNameFor('s3-', key);
    expect(name).toHaveLength(128);
    expect(name.startsWith('s3-')).toBe(true);
    expect(name.endsWith('the-file-name-csv')).toBe(true);
    expect(name).toMatch(VALID);
  });

  test('starts with a letter or number even when the prefix is empty and the key starts with a symbol', () => {
    expect(jobNameFor('', '_hidden.csv')).toBe('j_hidden-csv');
    expect(jobNameFor('', '.csv')).toBe('j-csv');
    expect(jobNameFor('', '')).toBe('job');
  });

  test('sanitizes and caps the prefix too', () => {
    const name = jobNameFor('my prefix!'.repeat(10), 'k');
    expect(name).toMatch(VALID);
    expect(name.endsWith('k')).toBe(true);
  });
});
