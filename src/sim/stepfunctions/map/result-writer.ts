/**
 * ResultWriter of a Distributed Map: the child executions' results written to simulated S3 as the state machine's
 * role, under `<Prefix>/<map run id>/`: `manifest.json`, and `SUCCEEDED_0.json` / `FAILED_0.json` (each an array of
 * the child executions' descriptions), as "ResultWriter (Map)" lays them out. The state's result is then
 * `{ MapRunArn, ResultWriterDetails: { Bucket, Key } }` with the manifest's key.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import type { StateRun } from '../execution/state-run';
import { sdkError } from '../integrations/sdk';
import type { Json } from '../paths/jsonpath';
import { applyTemplate } from '../processing/payload-template';

export interface ChildResult {
  readonly executionArn: string;
  readonly name: string;
  readonly input: Json;
  readonly startDate: string;
  readonly stopDate: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
}

export async function writeResults(run: StateRun, effective: Json, mapRunArn: string, results: readonly ChildResult[]): Promise<Json> {
  const writer = run.state.ResultWriter as Record<string, any>;
  const params = (run.language === 'JSONata'
    ? await run.machine.jsonata.requiredTemplate(writer.Arguments ?? {}, run.jsonataScope(), 'ResultWriter.Arguments')
    : applyTemplate(writer.Parameters ?? {}, run.pathData(effective), run.machine.intrinsics)) as Record<string, Json>;
  const s3 = run.machine.ctx.api('s3');
  if (!s3) throw new StatesError(STATES_ERRORS.ResultWriterFailed, 'The simulator has no S3 service');
  const caller = { principalType: 'AWS' as const, principal: run.machine.roleArn, sourceAccount: run.machine.ctx.env.account, secureTransport: true };
  const bucket = String(params.Bucket);
  const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const prefix = `${params.Prefix ? `${String(params.Prefix).replace(/\/$/, '')}/` : ''}${runId}/`;
  const put = async (key: string, body: Json) => {
    try {
      await run.env.wait(s3.call('PutObject', { Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json' }, caller));
    } catch (e) {
      const err = sdkError('s3', e);
      throw new StatesError(STATES_ERRORS.ResultWriterFailed, `${err.error}: ${err.cause}`);
    }
  };
  const describe = (r: ChildResult) => ({
    ExecutionArn: r.executionArn,
    Input: JSON.stringify(r.input),
    InputDetails: { Included: true },
    Name: r.name,
    ...(r.output !== undefined ? { Output: JSON.stringify(r.output), OutputDetails: { Included: true } } : {}),
    ...(r.error !== undefined ? { Error: r.error, Cause: r.cause ?? '' } : {}),
    StartDate: r.startDate,
    StateMachineArn: run.machine.arn,
    Status: r.status,
    StopDate: r.stopDate,
  });
  const files: Array<{ Key: string; Size: number }> = [];
  const groups: Array<['SUCCEEDED' | 'FAILED', ChildResult[]]> = [
    ['SUCCEEDED', results.filter(r => r.status === 'SUCCEEDED')], ['FAILED', results.filter(r => r.status === 'FAILED')],
  ];
  const manifest: Record<string, Json> = { DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: {} };
  for (const [status, group] of groups) {
    const key = `${prefix}${status}_0.json`;
    const body = group.map(describe) as Json;
    await put(key, body);
    files.push({ Key: key, Size: Buffer.byteLength(JSON.stringify(body)) });
    (manifest.ResultFiles as Record<string, Json>)[status] = [{ Key: key, Size: files[files.length - 1].Size }];
  }
  (manifest.ResultFiles as Record<string, Json>).PENDING = [];
  const manifestKey = `${prefix}manifest.json`;
  await put(manifestKey, manifest);
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}
