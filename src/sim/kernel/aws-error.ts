/**
 * An error shaped like the exceptions the AWS SDK v3 throws (`name`, `message`, `$fault`, `$metadata`), so code that
 * catches `err.name === 'QueueDoesNotExist'` behaves the same against the simulator as against AWS.
 */
export class AwsError extends Error {
  public readonly $fault: 'client' | 'server';
  public readonly $metadata: { httpStatusCode: number; requestId?: string };
  /** The query-protocol error code (some services still report it, e.g. `AWS.SimpleQueueService.NonExistentQueue`). */
  public readonly Code: string;

  constructor(name: string, message: string, options: { httpStatusCode?: number; fault?: 'client' | 'server'; code?: string } = {}) {
    super(message);
    this.name = name;
    this.Code = options.code ?? name;
    this.$fault = options.fault ?? 'client';
    this.$metadata = { httpStatusCode: options.httpStatusCode ?? (this.$fault === 'client' ? 400 : 500) };
  }
}

/** Raised when a template cannot load because AWS would refuse to deploy it (the message is AWS's). */
export class TemplateLoadError extends AwsError {
  constructor(public readonly logicalId: string, name: string, message: string) {
    super(name, `${logicalId}: ${message}`);
  }
}
