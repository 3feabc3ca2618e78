/** `sim.alarm(ref)`: the alarm's state, the reason for it, and every state change so far. */
import { AlarmHistoryEntry, SimAlarm } from './alarm';
import { AlarmState } from './evaluate';

export class AlarmHandle {
  constructor(private readonly alarm: SimAlarm) {}

  public get logicalId(): string {
    return this.alarm.config.logicalId;
  }

  public get alarmName(): string {
    return this.alarm.config.name;
  }

  public get alarmArn(): string {
    return this.alarm.config.arn;
  }

  /** OK, ALARM or INSUFFICIENT_DATA. Throws for an alarm the simulator cannot evaluate, naming the reason. */
  public get state(): AlarmState {
    this.assertSupported();
    return this.alarm.state;
  }

  public get stateReason(): string {
    this.assertSupported();
    return this.alarm.stateReason;
  }

  /** State changes, oldest first. */
  public get history(): readonly AlarmHistoryEntry[] {
    this.assertSupported();
    return this.alarm.history;
  }

  /** Why the simulator does not evaluate this alarm, or undefined when it does. */
  public get unsupported(): string | undefined {
    return this.alarm.unsupported;
  }

  private assertSupported(): void {
    if (this.alarm.unsupported !== undefined) {
      throw new Error(`sim.alarm('${this.logicalId}'): this alarm is not simulated: ${this.alarm.unsupported}`);
    }
  }
}
