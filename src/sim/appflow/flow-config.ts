/**
 * An AppFlow flow as the template declares it (AWS::AppFlow::Flow): trigger (OnDemand, Scheduled, Event) and status,
 * source connector and incremental pull field, tasks, and the S3 destination with its file format, prefix and
 * aggregation. What the simulator cannot do is reported at load.
 */
import { TemplateLoadError } from '../kernel';
import { TemplateResource } from '../runtime';

export type TriggerType = 'OnDemand' | 'Scheduled' | 'Event';
export type FlowStatus = 'Active' | 'Suspended' | 'Draft';

export interface FlowTask {
  readonly taskType: string;
  readonly sourceFields: readonly string[];
  readonly destinationField?: string;
  /** The connector operator (`PROJECTION`, `GREATER_THAN`, `NO_OP`, `MASK_ALL`, ...). */
  readonly operator: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface S3FlowDestination {
  readonly bucketName: string;
  readonly bucketPrefix?: string;
  readonly fileType: 'JSON' | 'CSV' | 'PARQUET';
  /** `PATH` prefixes add a time folder of `prefixFormat` granularity; `FILENAME` and `PATH_AND_FILENAME` too. */
  readonly prefixType?: string;
  readonly prefixFormat?: string;
  readonly aggregation: 'None' | 'SingleFile';
  /** Target file size in MB for aggregated output (TargetFileSize). */
  readonly targetFileSizeMb?: number;
}

export interface FlowConfig {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly triggerType: TriggerType;
  readonly status: FlowStatus;
  readonly sourceConnector: string;
  readonly sourceObject?: string;
  readonly incrementalField?: string;
  readonly dataPullMode: 'Incremental' | 'Complete';
  readonly scheduleExpression?: string;
  readonly scheduleStartMs?: number;
  readonly scheduleEndMs?: number;
  readonly firstExecutionFromMs?: number;
  readonly tasks: readonly FlowTask[];
  readonly destination?: S3FlowDestination;
}

export function readFlow(r: TemplateResource, report: (reason: string) => void): FlowConfig {
  const p = r.properties;
  const trigger = p.TriggerConfig ?? {};
  const triggerType = String(trigger.TriggerType ?? 'OnDemand') as TriggerType;
  if (!['OnDemand', 'Scheduled', 'Event'].includes(triggerType)) throw new TemplateLoadError(r.logicalId, 'ValidationException', `TriggerType ${triggerType} is not valid`);
  const given = p.FlowStatus === undefined ? undefined : String(p.FlowStatus);
  // CloudFormation reference, FlowStatus: Active only for Event and Schedule triggers; a flow created without it is a Draft.
  if (triggerType === 'OnDemand' && given === 'Active') {
    throw new TemplateLoadError(r.logicalId, 'ValidationException', 'FlowStatus Active is only valid for flows with the Event or Schedule trigger');
  }
  const status: FlowStatus = triggerType === 'OnDemand' ? 'Active' : (given as FlowStatus | undefined) ?? 'Draft';
  const props = trigger.TriggerProperties ?? {};
  const source = p.SourceFlowConfig ?? {};
  const sourceConnector = String(source.ConnectorType ?? '');
  const connectorProps = source.SourceConnectorProperties ?? {};
  const firstKey = Object.keys(connectorProps)[0];
  const destinations: any[] = p.DestinationFlowConfigList ?? [];
  if (destinations.length > 1) report('only the first destination of DestinationFlowConfigList is simulated');
  const d = destinations[0];
  let destination: S3FlowDestination | undefined;
  if (d && String(d.ConnectorType) === 'S3') {
    const s3 = d.DestinationConnectorProperties?.S3 ?? {};
    const format = s3.S3OutputFormatConfig ?? {};
    const fileType = String(format.FileType ?? 'JSON').toUpperCase() as S3FlowDestination['fileType'];
    destination = {
      bucketName: String(s3.BucketName),
      bucketPrefix: s3.BucketPrefix === undefined ? undefined : String(s3.BucketPrefix),
      fileType,
      prefixType: format.PrefixConfig?.PrefixType,
      prefixFormat: format.PrefixConfig?.PrefixFormat,
      aggregation: format.AggregationConfig?.AggregationType === 'SingleFile' ? 'SingleFile' : 'None',
      targetFileSizeMb: format.AggregationConfig?.TargetFileSize === undefined ? undefined : Number(format.AggregationConfig.TargetFileSize),
    };
    if (format.PreserveSourceDataTyping !== undefined) report('S3OutputFormatConfig.PreserveSourceDataTyping: values are written as the source gave them');
  } else if (d) {
    report(`destination connector ${d.ConnectorType}: not simulated (only S3 destinations are)`);
  }
  if (p.MetadataCatalogConfig !== undefined) report('MetadataCatalogConfig: the Glue Data Catalog is not simulated');
  report(`source connector ${sourceConnector}: the SaaS source is simulated by sim.flow(...).setSourceRecords(records)`);
  const seconds = (v: unknown) => (v === undefined ? undefined : Number(v) * 1000);
  return {
    logicalId: r.logicalId,
    name: r.ref,
    arn: r.attributes.FlowArn,
    triggerType,
    status,
    sourceConnector,
    sourceObject: firstKey ? connectorProps[firstKey]?.Object : undefined,
    incrementalField: source.IncrementalPullConfig?.DatetimeTypeFieldName,
    dataPullMode: props.DataPullMode === 'Complete' ? 'Complete' : 'Incremental',
    scheduleExpression: props.ScheduleExpression,
    scheduleStartMs: seconds(props.ScheduleStartTime),
    scheduleEndMs: seconds(props.ScheduleEndTime),
    firstExecutionFromMs: seconds(props.FirstExecutionFrom),
    tasks: (p.Tasks ?? []).map((t: any) => ({
      taskType: String(t.TaskType),
      sourceFields: (t.SourceFields ?? []).map(String),
      destinationField: t.DestinationField === undefined ? undefined : String(t.DestinationField),
      operator: String(Object.values(t.ConnectorOperator ?? {})[0] ?? 'NO_OP'),
      properties: Object.fromEntries((t.TaskProperties ?? []).map((kv: any) => [String(kv.Key), String(kv.Value)])),
    })),
    destination,
  };
}
