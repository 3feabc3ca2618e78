import { simulate } from './helpers';

const bucket = { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'items' } } };
const distributed = (more: object, processor: object = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) => ({
  StartAt: 'M',
  States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor }, ...more, End: true } },
});

async function runWith(definition: object, objects: Record<string, string>, input: unknown = {}) {
  const sim = simulate(definition, { extra: bucket });
  for (const [Key, Body] of Object.entries(objects)) await sim.bucket('B').putObject({ Key, Body });
  const d = await sim.stateMachine('Machine').run({ input: JSON.stringify(input) });
  return { sim, d, output: d.output !== undefined ? JSON.parse(d.output) : undefined };
}

const reader = (config: object, params: object = { Bucket: 'items', Key: 'in' }) => ({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config, Parameters: params } });

describe('Distributed Map', () => {
  test('ItemReader JSON array; MaxItems caps the items; MapRunStarted/Succeeded in the parent history', async () => {
    const { sim, d, output } = await runWith(distributed(reader({ InputType: 'JSON', MaxItems: 2 })), { in: '[{"a":1},{"a":2},{"a":3}]' });
    expect(output).toEqual([{ a: 1 }, { a: 2 }]);
    const { events } = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: d.executionArn });
    const types = events.map(e => e.type);
    expect(types).toEqual(expect.arrayContaining(['MapRunStarted', 'MapRunSucceeded']));
    expect(types).not.toContain('MapIterationStarted');
    expect((events.find(e => e.type === 'MapRunStarted')!.mapRunStartedEventDetails as any).mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Machine\/M:/);
  });

  test('ItemReader CSV with the header in the first row, or given headers', async () => {
    const first = await runWith(distributed(reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' })), { in: 'id,name\n1,"a, b"\n2,c\n' });
    expect(first.output).toEqual([{ id: '1', name: 'a, b' }, { id: '2', name: 'c' }]);
    const given = await runWith(distributed(reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['x', 'y'] })), { in: '1,2\n3,4' });
    expect(given.output).toEqual([{ x: '1', y: '2' }, { x: '3', y: '4' }]);
  });

  test('ItemReader JSONL and listObjectsV2', async () => {
    const jsonl = await runWith(distributed(reader({ InputType: 'JSONL' })), { in: '{"a":1}\n{"a":2}\n' });
    expect(jsonl.output).toEqual([{ a: 1 }, { a: 2 }]);
    const list = await runWith(distributed({
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'items', Prefix: 'data/' } },
      ItemSelector: { 'key.$': '$$.Map.Item.Value.Key' },
    }), { 'data/1.json': 'x', 'data/2.json': 'yy', 'other': 'z' });
    expect(list.output).toEqual([{ key: 'data/1.json' }, { key: 'data/2.json' }]);
  });

  test('ItemReader MANIFEST reads the CSV files an S3 Inventory manifest lists', async () => {
    const manifest = JSON.stringify({ destinationBucket: 'arn:aws:s3:::items', fileFormat: 'CSV', fileSchema: 'Bucket, Key, Size', files: [{ key: 'inv/1.csv' }] });
    const { output } = await runWith(distributed(reader({ InputType: 'MANIFEST' }, { Bucket: 'items', Key: 'manifest.json' })),
      { 'manifest.json': manifest, 'inv/1.csv': 'items,a.txt,10\nitems,b.txt,20\n' });
    expect(output).toEqual([{ Bucket: 'items', Key: 'a.txt', Size: '10' }, { Bucket: 'items', Key: 'b.txt', Size: '20' }]);
  });

  test('ItemBatcher groups items (MaxItemsPerBatch) with BatchInput', async () => {
    const sim = simulate(distributed({ ItemsPath: '$.xs', ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'job.$': '$.job' } } }));
    const d = await sim.stateMachine('Machine').run({ input: JSON.stringify({ job: 'j', xs: [1, 2, 3] }) });
    expect(JSON.parse(d.output!)).toEqual([{ BatchInput: { job: 'j' }, Items: [1, 2] }, { BatchInput: { job: 'j' }, Items: [3] }]);
  });

  test('failures up to ToleratedFailureCount are tolerated; beyond, States.ExceedToleratedFailureThreshold', async () => {
    const processor = {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'F' }], Default: 'P' }, F: { Type: 'Fail', Error: 'Big' }, P: { Type: 'Pass', End: true } },
    };
    const tolerated = simulate(distributed({ ToleratedFailureCount: 2 }, processor));
    const ok = await tolerated.stateMachine('Machine').run({ input: '[1,2,3,4]' });
    expect(JSON.parse(ok.output!)).toEqual([1, 2, { Error: 'Big', Cause: '' }, { Error: 'Big', Cause: '' }]);
    const strict = simulate(distributed({ ToleratedFailurePercentage: 25 }, processor));
    const failed = await strict.stateMachine('Machine').run({ input: '[1,2,3,4]' });
    expect(failed.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('ResultWriter writes the manifest and the SUCCEEDED file to S3 and returns where', async () => {
    const { sim, output } = await runWith(distributed({ ItemsPath: '$.xs', ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'items', Prefix: 'out' } } }),
      {}, { xs: [1, 2] });
    expect(output.MapRunArn).toMatch(/mapRun:Machine\/M:/);
    expect(output.ResultWriterDetails.Key).toMatch(/^out\/.+\/manifest\.json$/);
    const manifest = JSON.parse(await (await sim.bucket('B').getObject({ Key: output.ResultWriterDetails.Key })).Body!.transformToString());
    const succeededKey = manifest.ResultFiles.SUCCEEDED[0].Key;
    const succeeded = JSON.parse(await (await sim.bucket('B').getObject({ Key: succeededKey })).Body!.transformToString());
    expect(succeeded.map((e: any) => JSON.parse(e.Output))).toEqual([1, 2]);
    expect(succeeded[0]).toMatchObject({ Status: 'SUCCEEDED', Input: '1' });
  });

  test('MaxConcurrency of a Map Run is honoured on the clock', async () => {
    const sim = simulate(distributed({ MaxConcurrency: 2 }, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }));
    const d = await sim.stateMachine('Machine').run({ input: '[1,2,3,4,5]' });
    expect(d.stopDate!.getTime() - d.startDate.getTime()).toBe(30_000);
  });

  test('a child execution has its own Context object: $$.Execution.Input is its item', async () => {
    const sim = simulate(distributed({ ItemsPath: '$.xs' }, { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'input.$': '$$.Execution.Input', 'id.$': '$$.Execution.Id' }, End: true } } }));
    const d = await sim.stateMachine('Machine').run({ input: '{"xs":[{"a":1}]}' });
    const [child] = JSON.parse(d.output!);
    expect(child.input).toEqual({ a: 1 });
    expect(child.id).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Machine\/M:/);
  });

  test('ResultWriter.WriterConfig is listed as not simulated', () => {
    const sim = simulate(distributed({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'items' }, WriterConfig: { OutputType: 'JSONL' } } }), { extra: bucket });
    expect(sim.unsupported.features.map(f => f.reason)).toContainEqual(expect.stringMatching(/WriterConfig/));
  });

  test('child workflow executions cannot read the parent\'s variables (pass them through ItemSelector)', async () => {
    const sim = simulate({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { region: 'eu' }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1],
          ItemSelector: { passed: '{% $region %}' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', Output: { passed: '{% $states.input.passed %}', direct: '{% $exists($region) %}' }, End: true } },
          },
          End: true,
        },
      },
    });
    const d = await sim.stateMachine('Machine').run();
    expect(JSON.parse(d.output!)).toEqual([{ passed: 'eu', direct: false }]);
  });
});
