/**
 * A WebSocket connection on the gateway side: its id, identity, when it opened and last carried data, the
 * authorizer output of its `$connect` (which every later message's event carries), and the frames posted to it.
 * API Gateway closes a connection idle for 10 minutes and any connection after 2 hours ("Amazon API Gateway quotas
 * for configuring and running a WebSocket API"): one background task per connection, re-armed lazily.
 */
import type { ScheduledTask, VirtualClock } from '../../kernel';

export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;
/** Message payload limit of WebSocket APIs. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

export class Connection {
  public open = true;
  public lastActiveAt: number;
  public readonly received: string[] = [];
  public authorizer: Record<string, unknown> = {};
  public closeCode?: number;
  private timer?: ScheduledTask;

  constructor(
    public readonly connectionId: string,
    public readonly apiLogicalId: string,
    public readonly stage: string,
    public readonly sourceIp: string,
    public readonly userAgent: string | undefined,
    public readonly connectedAt: number,
  ) {
    this.lastActiveAt = connectedAt;
  }

  public touch(now: number): void {
    this.lastActiveAt = now;
  }

  /** When the connection expires (idle or at its maximum age), whichever comes first. */
  public expiresAt(): { at: number; reason: 'idle' | 'max-duration' } {
    const idle = this.lastActiveAt + IDLE_TIMEOUT_MS;
    const max = this.connectedAt + MAX_CONNECTION_MS;
    return idle < max ? { at: idle, reason: 'idle' } : { at: max, reason: 'max-duration' };
  }

  /** Arms the expiry task; `expire` runs when the connection is still open and really expired. */
  public arm(clock: VirtualClock, expire: (reason: 'idle' | 'max-duration') => void): void {
    const { at } = this.expiresAt();
    if (this.timer && !this.timer.cancelled && this.timer.at <= at) return;
    this.timer = clock.schedule(at, () => {
      this.timer = undefined;
      if (!this.open) return;
      const due = this.expiresAt();
      if (due.at <= clock.now()) expire(due.reason);
      else this.arm(clock, expire);
    }, { background: true, label: `apigateway websocket ${this.connectionId} expiry` });
  }
}
