/** Templates with DynamoDB tables for the tests, loaded into a simulator. */
import { Simulator, SimulatorOptions } from '../../../src/sim';

export interface TableSpec {
  readonly hash: [string, 'S' | 'N' | 'B'];
  readonly range?: [string, 'S' | 'N' | 'B'];
  readonly gsis?: { name: string; hash: [string, 'S' | 'N' | 'B']; range?: [string, 'S' | 'N' | 'B']; projection?: object }[];
  readonly lsis?: { name: string; range: [string, 'S' | 'N' | 'B']; projection?: object }[];
  readonly extra?: Record<string, unknown>;
}

export function tableResource(name: string, spec: TableSpec): object {
  const defs = new Map<string, string>();
  const keySchema = (hash: [string, string], range?: [string, string]) => {
    defs.set(hash[0], hash[1]);
    if (range) defs.set(range[0], range[1]);
    return [{ AttributeName: hash[0], KeyType: 'HASH' }, ...(range ? [{ AttributeName: range[0], KeyType: 'RANGE' }] : [])];
  };
  const props: Record<string, unknown> = {
    TableName: name,
    KeySchema: keySchema(spec.hash, spec.range),
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (spec.gsis) {
    props.GlobalSecondaryIndexes = spec.gsis.map(g => ({
      IndexName: g.name, KeySchema: keySchema(g.hash, g.range), Projection: g.projection ?? { ProjectionType: 'ALL' },
    }));
  }
  if (spec.lsis) {
    props.LocalSecondaryIndexes = spec.lsis.map(l => ({
      IndexName: l.name, KeySchema: keySchema(spec.hash, l.range), Projection: l.projection ?? { ProjectionType: 'ALL' },
    }));
  }
  props.AttributeDefinitions = [...defs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
  return { Type: 'AWS::DynamoDB::Table', Properties: { ...props, ...spec.extra } };
}

export function simWithTables(
  tables: Record<string, TableSpec>, extraResources: Record<string, object> = {}, options: SimulatorOptions = {},
): Simulator {
  const Resources: Record<string, object> = {};
  for (const [id, spec] of Object.entries(tables)) Resources[id] = tableResource(id, spec);
  return Simulator.fromTemplate({ Resources: { ...Resources, ...extraResources } }, options);
}

/** A string attribute value. */
export const S = (s: string) => ({ S: s });
/** A number attribute value. */
export const N = (n: number | string) => ({ N: String(n) });
