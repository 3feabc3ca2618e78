/**
 * The CloudWatch alarm simulator (AWS::CloudWatch::Alarm on SQS and Lambda metrics).
 *
 * Scheduling: one clock task ticks at each minute boundary, samples every alarm's metric and evaluates the alarms
 * whose period ends then. Ticks are background work (they never keep `runUntilIdle` going by themselves), except
 * after a watched metric changes: the ticks that follow are foreground until the alarm's state has settled (the
 * state matches what the metric, left alone, would give) or the evaluation range has passed, so `runUntilIdle`
 * carries a DLQ alarm through to ALARM and stops there. A message ageing in a queue keeps ticks foreground until
 * its age crosses the threshold.
 *
 * State changes are recorded in the alarm's history and the trace and run the alarm's actions: SNS topic actions
 * publish CloudWatch's alarm message (as cloudwatch.amazonaws.com with aws:SourceArn = the alarm ARN, so the
 * topic policy decides); other action types are reported as unsupported.
 */
import { MINUTE_MS, SimAlarm, StateChange } from './alarm';
import { AlarmConfig, parseAlarm } from './alarm-config';
import { AlarmHandle } from './handle';
import { resolveMetricSource } from './metric-source';
import { alarmMessage, alarmSubject, stateReason } from './notification';
import { ScheduledTask } from '../kernel';
import { parseArn } from '../kernel/arn';
import { CallerIdentity, SimContext, SimService, TemplateResource } from '../runtime';

export class CloudWatchService implements SimService {
  public readonly resourceTypes = ['AWS::CloudWatch::Alarm'] as const;

  private readonly alarms = new Map<string, SimAlarm>();
  private readonly active: SimAlarm[] = [];
  private readonly handles = new Map<string, AlarmHandle>();
  private tickTask?: ScheduledTask;
  private nextTickAt = 0;
  private ticking = false;

  constructor(private readonly ctx: SimContext) {}

  public create(resource: TemplateResource): void {
    const config = parseAlarm(resource, this.ctx.env);
    this.alarms.set(resource.logicalId, new SimAlarm(config, this.ctx.clock.now()));
  }

  public link(): void {
    for (const alarm of this.alarms.values()) {
      if (alarm.unsupported === undefined) {
        const source = resolveMetricSource(alarm.config, this.ctx.services);
        if (typeof source === 'string') alarm.unsupported = source;
        else alarm.attach(source);
      }
      if (alarm.unsupported !== undefined) {
        this.unsupported(alarm.config, alarm.unsupported);
        continue;
      }
      for (const action of [...alarm.config.alarmActions, ...alarm.config.okActions, ...alarm.config.insufficientDataActions]) {
        if (parseArn(action)?.service !== 'sns') this.unsupported(alarm.config, `alarm action ${action} is not simulated (only SNS topic actions are)`);
      }
      alarm.source!.subscribe(() => this.metricChanged(alarm));
      this.active.push(alarm);
    }
    if (this.active.length > 0) {
      this.nextTickAt = (Math.floor(this.ctx.clock.now() / MINUTE_MS) + 1) * MINUTE_MS;
      this.ensureTick();
    }
  }

  public handle(logicalId: string): AlarmHandle {
    const alarm = this.alarms.get(logicalId);
    if (!alarm) throw new Error(`CloudWatchService: no AWS::CloudWatch::Alarm '${logicalId}'`);
    let h = this.handles.get(logicalId);
    if (!h) {
      h = new AlarmHandle(alarm);
      this.handles.set(logicalId, h);
    }
    return h;
  }

  private unsupported(config: AlarmConfig, reason: string): void {
    this.ctx.reportUnsupported(config.logicalId, 'AWS::CloudWatch::Alarm', reason);
    this.ctx.trace.record('cloudwatch', config.logicalId, 'unsupported', { reason });
  }

  private metricChanged(alarm: SimAlarm): void {
    alarm.settled = false;
    const until = this.ctx.clock.now() + alarm.settleSpanMs;
    if (until > alarm.foregroundUntil) alarm.foregroundUntil = until;
    if (!this.ticking) this.ensureTick();
  }

  private needsForeground(at: number): boolean {
    for (const alarm of this.active) if (!alarm.settled && alarm.foregroundUntil >= at) return true;
    return false;
  }

  private ensureTick(): void {
    const at = this.nextTickAt;
    const background = !this.needsForeground(at);
    const t = this.tickTask;
    if (t && !t.cancelled && t.at === at && t.background === background) return;
    this.ctx.clock.cancel(t);
    this.tickTask = this.ctx.clock.schedule(at, () => this.tick(), { background, label: 'cloudwatch alarm evaluation' });
  }

  private tick(): void {
    const now = this.ctx.clock.now();
    this.ticking = true;
    try {
      for (const alarm of this.active) {
        alarm.sample(now);
        if (now % (alarm.config.periodSeconds * 1000) === 0) {
          const change = alarm.evaluate(now);
          if (change) this.changed(alarm, change, now);
        }
        if (!alarm.settled) {
          alarm.settled = alarm.isSettled();
          const crossing = alarm.ageCrossingAt(now);
          if (crossing !== undefined) alarm.foregroundUntil = Math.max(alarm.foregroundUntil, crossing + alarm.settleSpanMs);
        }
      }
    } finally {
      this.ticking = false;
    }
    this.nextTickAt = now + MINUTE_MS;
    this.ensureTick();
  }

  private changed(alarm: SimAlarm, change: StateChange, now: number): void {
    const { config } = alarm;
    const reason = stateReason(config, change.evaluation, change.from);
    alarm.stateReason = reason;
    alarm.history.push({ time: now, oldState: change.from, newState: change.to, reason });
    this.ctx.trace.record('cloudwatch', config.logicalId, 'alarm-state-changed', { from: change.from, to: change.to });
    if (!config.actionsEnabled) return;
    const actions = change.to === 'ALARM' ? config.alarmActions : change.to === 'OK' ? config.okActions : config.insufficientDataActions;
    if (actions.length === 0) return;
    const caller: CallerIdentity = {
      principalType: 'Service',
      principal: 'cloudwatch.amazonaws.com',
      sourceArn: config.arn,
      sourceAccount: this.ctx.env.account,
      secureTransport: true,
    };
    const message = alarmMessage({
      config,
      account: this.ctx.env.account,
      region: this.ctx.env.region,
      createdAt: alarm.createdAt,
      from: change.from,
      to: change.to,
      reason,
      time: now,
    });
    const subject = alarmSubject(change.to, config.name, this.ctx.env.region);
    for (const action of actions) {
      if (parseArn(action)?.service !== 'sns') {
        this.ctx.trace.record('cloudwatch', config.logicalId, 'alarm-action-skipped', { action, reason: 'only SNS topic actions are simulated' });
        this.ctx.reportProblem(config.logicalId, `the ${change.to} action ${action} is not simulated (only SNS topic actions are)`);
        continue;
      }
      const outcome = this.ctx.services.sns.publishFrom(action, { Message: message, Subject: subject }, caller);
      if (outcome.ok) this.ctx.trace.record('cloudwatch', config.logicalId, 'alarm-action', { action, state: change.to });
      else this.ctx.trace.record('cloudwatch', config.logicalId, 'alarm-action-failed', { action, state: change.to, error: outcome.errorName });
    }
  }
}
