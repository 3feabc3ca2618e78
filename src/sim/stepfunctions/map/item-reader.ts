/**
 * ItemReader of a Distributed Map ("ItemReader (Map)"): items read from simulated S3 as the state machine's role.
 * `s3:getObject` with ReaderConfig.InputType JSON (an array), JSONL (one JSON value a line), CSV (each row an object
 * keyed by the first row or by CSVHeaders when CSVHeaderLocation is GIVEN) or MANIFEST (an S3 Inventory manifest:
 * the CSV files it lists, one object per row keyed by its fileSchema); `s3:listObjectsV2` gives one item per object
 * (Key, ETag, LastModified, Size, StorageClass), following continuation tokens. MaxItems(Path) caps the count.
 */
import { parseCsv } from './csv';
import { runtimeError, StatesError, STATES_ERRORS } from '../errors';
import type { StateRun } from '../execution/state-run';
import { sdkError, toJson } from '../integrations/sdk';
import type { Json } from '../paths/jsonpath';
import { applyTemplate, dynamicValue } from '../processing/payload-template';

export async function readFromItemReader(run: StateRun, effective: Json): Promise<Json[]> {
  const reader = run.state.ItemReader as Record<string, any>;
  const config = (reader.ReaderConfig ?? {}) as Record<string, any>;
  const params = (run.language === 'JSONata'
    ? await run.machine.jsonata.requiredTemplate(reader.Arguments ?? {}, run.jsonataScope(), 'ItemReader.Arguments')
    : applyTemplate(reader.Parameters ?? {}, run.pathData(effective), run.machine.intrinsics)) as Record<string, Json>;
  const s3 = run.machine.ctx.api('s3');
  if (!s3) throw new StatesError(STATES_ERRORS.ItemReaderFailed, 'The simulator has no S3 service');
  const caller = { principalType: 'AWS' as const, principal: run.machine.roleArn, sourceAccount: run.machine.ctx.env.account, secureTransport: true };
  const call = async (action: string, input: Record<string, Json>) => {
    try {
      return await run.env.wait(s3.call(action, input, caller));
    } catch (e) {
      const err = sdkError('s3', e);
      throw new StatesError(STATES_ERRORS.ItemReaderFailed, `${err.error}: ${err.cause}`);
    }
  };
  const getText = async (bucket: Json, key: Json) => {
    const out = await call('GetObject', { Bucket: bucket, Key: key });
    return (out.Body as { transformToString(): Promise<string> }).transformToString();
  };
  let items: Json[];
  const resource = String(reader.Resource);
  if (resource.endsWith(':s3:listObjectsV2')) {
    items = [];
    let token: string | undefined;
    do {
      const page = await call('ListObjectsV2', { ...params, ...(token ? { ContinuationToken: token } : {}) });
      for (const o of page.Contents ?? []) {
        items.push(toJson({ Key: o.Key, ETag: o.ETag, LastModified: o.LastModified, Size: o.Size, StorageClass: o.StorageClass }));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } else if (resource.endsWith(':s3:getObject')) {
    const text = await getText(params.Bucket, params.Key);
    items = await parseObject(text, config, getText);
  } else {
    throw runtimeError(`ItemReader resource ${resource} is not simulated (s3:getObject and s3:listObjectsV2 are)`);
  }
  const max = await maxItems(run, config, effective);
  return max !== undefined ? items.slice(0, max) : items;
}

async function parseObject(text: string, config: Record<string, any>, getText: (bucket: Json, key: Json) => Promise<string>): Promise<Json[]> {
  const type = config.InputType ?? 'JSON';
  switch (type) {
    case 'JSON': {
      let parsed: Json;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new StatesError(STATES_ERRORS.ItemReaderFailed, 'The object is not valid JSON');
      }
      if (!Array.isArray(parsed)) throw new StatesError(STATES_ERRORS.ItemReaderFailed, 'The JSON object must hold an array');
      return parsed;
    }
    case 'JSONL':
      return text.split(/\r?\n/).filter(line => line.trim() !== '').map(line => {
        try {
          return JSON.parse(line) as Json;
        } catch {
          throw new StatesError(STATES_ERRORS.ItemReaderFailed, `A line is not valid JSON: ${line}`);
        }
      });
    case 'CSV':
      return csvItems(text, config.CSVHeaderLocation === 'GIVEN' ? config.CSVHeaders : undefined, config.CSVDelimiter);
    case 'MANIFEST': {
      const manifest = JSON.parse(text) as { files?: Array<{ key: string }>; fileSchema?: string; destinationBucket?: string };
      const headers = String(manifest.fileSchema ?? '').split(',').map(h => h.trim());
      const bucket = String(manifest.destinationBucket ?? '').replace(/^arn:[^:]+:s3:::/, '');
      const out: Json[] = [];
      for (const f of manifest.files ?? []) out.push(...csvItems(await getText(bucket, f.key), headers));
      return out;
    }
    default:
      throw new StatesError(STATES_ERRORS.ItemReaderFailed, `InputType ${type} is not supported`);
  }
}

function csvItems(text: string, given: string[] | undefined, delimiter?: string): Json[] {
  const sep = delimiter === 'TAB' ? '\t' : delimiter === 'SEMICOLON' ? ';' : delimiter === 'PIPE' ? '|' : delimiter === 'SPACE' ? ' ' : ',';
  const rows = parseCsv(text, sep).filter(r => !(r.length === 1 && r[0] === ''));
  const headers = given ?? rows.shift() ?? [];
  return rows.map(r => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
}

async function maxItems(run: StateRun, config: Record<string, any>, effective: Json): Promise<number | undefined> {
  let v: Json | undefined = config.MaxItems;
  if (config.MaxItemsPath !== undefined) v = dynamicValue('MaxItemsPath', config.MaxItemsPath, run.pathData(effective), run.machine.intrinsics);
  if (run.language === 'JSONata' && typeof v === 'string') v = await run.machine.jsonata.template(v, run.jsonataScope(), 'MaxItems');
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100_000_000) throw runtimeError(`MaxItems must be an integer from 0 to 100000000, got ${JSON.stringify(v)}`);
  return v === 0 ? undefined : v;
}
