/** SaaS applications AppFlowIngest can read from. */
export enum SaasSource {
  /** Salesforce objects (Account, Opportunity, ...) and Salesforce events (change data capture). */
  SALESFORCE = 'Salesforce',
  /** Slack conversations (`conversations/<channel id>`). */
  SLACK = 'Slack',
  /** Zendesk objects (`tickets`, `users`, `organizations`). */
  ZENDESK = 'Zendesk',
  /** Marketo objects (`leads`, `activities`). */
  MARKETO = 'Marketo',
}

/** When the flow runs. */
export enum IngestTrigger {
  /** Run when someone starts it (console, CLI, StartFlow API). */
  ON_DEMAND = 'OnDemand',
  /** Run when the SaaS application emits an event (Salesforce change data capture and platform events only). */
  ON_EVENT = 'Event',
  /** Run on a schedule (`schedule` prop). */
  ON_SCHEDULE = 'Scheduled',
}

/** What a scheduled run pulls. */
export enum DataPullMode {
  /** Only records changed since the last run. */
  INCREMENTAL = 'Incremental',
  /** Every record, every run. */
  COMPLETE = 'Complete',
}

/** File format written to S3. */
export enum IngestFileType {
  JSON = 'JSON',
  CSV = 'CSV',
  PARQUET = 'PARQUET',
}

/** Time granularity of the S3 folder each run writes into. */
export enum IngestPrefixFormat {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
  HOUR = 'HOUR',
  MINUTE = 'MINUTE',
}

/** Comparison operators of AppFlow filter tasks. */
export enum IngestFilterOperator {
  EQUAL_TO = 'EQUAL_TO',
  NOT_EQUAL_TO = 'NOT_EQUAL_TO',
  GREATER_THAN = 'GREATER_THAN',
  GREATER_THAN_OR_EQUAL_TO = 'GREATER_THAN_OR_EQUAL_TO',
  LESS_THAN = 'LESS_THAN',
  LESS_THAN_OR_EQUAL_TO = 'LESS_THAN_OR_EQUAL_TO',
  /** Two values: lower and upper bound. */
  BETWEEN = 'BETWEEN',
  CONTAINS = 'CONTAINS',
}

/** A schedule for ON_SCHEDULE flows. */
export interface IngestSchedule {
  /**
   * `rate(N minutes|hours|days)` (at least 1 minute) or a six-field `cron(...)` expression.
   */
  readonly expression: string;
  /**
   * Incremental or complete pulls.
   * @default DataPullMode.INCREMENTAL
   */
  readonly pullMode?: DataPullMode;
  /**
   * Time zone of the schedule (tz database name).
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/** Copy one source field into the output (optionally renamed). */
export interface IngestFieldMapping {
  /** Source field name, as the connector names it. */
  readonly source: string;
  /**
   * Output field name.
   * @default the source field name
   */
  readonly destination?: string;
}

/** Keep only records whose field satisfies a comparison. */
export interface IngestFieldFilter {
  /** Source field name. */
  readonly field: string;
  readonly operator: IngestFilterOperator;
  /** Values to compare with (two for BETWEEN, one otherwise). */
  readonly values: string[];
  /**
   * Data type of the field as the connector reports it (`string`, `datetime`, `double`, ...).
   * @default 'string'
   */
  readonly dataType?: string;
}
