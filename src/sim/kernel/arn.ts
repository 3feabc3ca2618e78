/**
 * The one ARN parser and formatter (`arn:partition:service:region:account-id:resource`, ARN format in the IAM User
 * Guide). Every service reads and writes ARNs here, so a resource named by ARN is found the same way everywhere.
 */

/** The parts of an ARN. */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  /** Empty for global resources (S3 buckets, IAM roles). */
  readonly region: string;
  /** Empty for S3 buckets. */
  readonly account: string;
  /** Everything after the fifth colon (`function:name`, `queue-name`, `stateMachine:name`, `table/name`, `bucket`). */
  readonly resource: string;
  /** The resource type before the first `:` or `/` of `resource` (`function`, `table`), or '' when it has none. */
  readonly resourceType: string;
  /** `resource` without its type prefix (`name`, `name/stream/...`), or the whole `resource` when it has no type. */
  readonly resourceName: string;
}

/** Parses `arn`; undefined when it is not an ARN (fewer than six colon-separated fields, or no `arn:` prefix). */
export function parseArn(arn: unknown): ParsedArn | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[1] === '' || parts[2] === '') return undefined;
  const resource = parts.slice(5).join(':');
  const cut = resource.search(/[:/]/);
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource,
    resourceType: cut > 0 ? resource.slice(0, cut) : '',
    resourceName: cut > 0 ? resource.slice(cut + 1) : resource,
  };
}

/** Formats an ARN from its parts. `sep` joins the resource type and name (`:` for Lambda functions, `/` for tables). */
export function formatArn(parts: { partition: string; service: string; region?: string; account?: string; resource: string }): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region ?? ''}:${parts.account ?? ''}:${parts.resource}`;
}

/** The account id of an ARN or of a bare 12-digit account id; undefined otherwise. */
export function accountOf(arnOrAccount: string): string | undefined {
  if (/^\d{12}$/.test(arnOrAccount)) return arnOrAccount;
  const account = parseArn(arnOrAccount)?.account;
  return account ? account : undefined;
}
