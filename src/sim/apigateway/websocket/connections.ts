/**
 * The `@connections` management API of WebSocket APIs, in the SDK v3 `ApiGatewayManagementApi` shapes:
 * PostToConnection (`Data` to the client: it lands in the client's `received`), GetConnection (ConnectedAt, Identity,
 * LastActiveAt) and DeleteConnection (closes it, running `$disconnect`). A connection that is closed or never existed
 * answers GoneException (410); a post over 128 KB PayloadTooLargeException (413).
 */
import { AwsError } from '../../kernel';
import { Gateway } from '../gateway';
import { Connection, MAX_MESSAGE_BYTES } from './connection';

export interface PostToConnectionInput {
  readonly ConnectionId: string;
  readonly Data: string | Uint8Array;
}

export interface ConnectionOwner {
  connection(connectionId: string): Connection | undefined;
  close(connection: Connection): Promise<void>;
}

const metadata = (status: number) => ({ httpStatusCode: status });

export class ConnectionsApi {
  constructor(private readonly gw: Gateway, private readonly owner: ConnectionOwner) {}

  public async postToConnection(input: PostToConnectionInput): Promise<{ $metadata: { httpStatusCode: number } }> {
    const connection = this.open(input?.ConnectionId);
    const data = typeof input.Data === 'string' ? input.Data : Buffer.from(input.Data ?? new Uint8Array()).toString('utf8');
    const bytes = Buffer.byteLength(data);
    if (bytes > MAX_MESSAGE_BYTES) throw new AwsError('PayloadTooLargeException', `Message payload size ${bytes} exceeds the limit of ${MAX_MESSAGE_BYTES} bytes`, { httpStatusCode: 413 });
    connection.received.push(data);
    connection.touch(this.gw.ctx.clock.now());
    this.gw.record(connection.apiLogicalId, 'ws-posted', { connectionId: connection.connectionId, bytes });
    return { $metadata: metadata(200) };
  }

  public async getConnection(input: { readonly ConnectionId: string }): Promise<Record<string, unknown>> {
    const c = this.open(input?.ConnectionId);
    return {
      ConnectedAt: new Date(c.connectedAt),
      Identity: { SourceIp: c.sourceIp, ...(c.userAgent ? { UserAgent: c.userAgent } : {}) },
      LastActiveAt: new Date(c.lastActiveAt),
      $metadata: metadata(200),
    };
  }

  public async deleteConnection(input: { readonly ConnectionId: string }): Promise<{ $metadata: { httpStatusCode: number } }> {
    const c = this.open(input?.ConnectionId);
    await this.owner.close(c);
    return { $metadata: metadata(204) };
  }

  private open(connectionId: unknown): Connection {
    if (typeof connectionId !== 'string' || connectionId === '') {
      throw new AwsError('BadRequestException', 'ConnectionId is required', { httpStatusCode: 400 });
    }
    const c = this.owner.connection(connectionId);
    if (!c || !c.open) throw new AwsError('GoneException', '', { httpStatusCode: 410 });
    return c;
  }
}
