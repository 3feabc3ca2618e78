/**
 * Which visible message a receive gets (SQS developer guide: "Amazon SQS standard queues", "Amazon SQS FIFO queues",
 * "FIFO queue delivery logic"). A standard queue makes a best effort to deliver in the order messages became visible
 * and never blocks. A FIFO queue delivers each message group in order, and a group is blocked while any of its
 * messages is in flight; "SQS first attempts to return as many messages with the same message group ID as possible",
 * then goes on with other groups.
 */
import { StoredMessage } from './message';

export interface ReceiveOrder {
  /** How many messages are visible. */
  readonly size: number;
  /** A message became visible: sent without delay, its delay ended, or its visibility timeout ended. */
  add(message: StoredMessage): void;
  /** A visible message left the queue without being received (expired, moved by a message move task). */
  remove(message: StoredMessage): void;
  /**
   * Takes the visible message a receive gets next, or undefined when none can be received. `previous`: the message
   * the same receive took before (a FIFO receive goes on with its group).
   */
  next(previous: StoredMessage | undefined): StoredMessage | undefined;
  /** Whether a receive now would get a message. */
  hasReceivable(): boolean;
  /** A received message went in flight. */
  inFlight(message: StoredMessage): void;
  /** An in-flight message is no longer in flight (deleted, expired, visible again, moved). */
  landed(message: StoredMessage): void;
  clear(): void;
}

/**
 * Items first come, first served, where an item may also leave from anywhere: it stays in the line, and is passed
 * over when it reaches the front (`inLine` says whether it is still waiting). The line is rebuilt without such items
 * once they outnumber the waiting ones. (A Map would keep the order too, but taking its first entry again and again
 * skips every entry deleted before it: quadratic over a backlog.)
 */
export class Line<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly inLine: (item: T) => boolean) {}

  public push(item: T): void {
    this.items.push(item);
  }

  /** The first item still in line. */
  public first(): T | undefined {
    while (this.head < this.items.length && !this.inLine(this.items[this.head])) this.head++;
    return this.items[this.head];
  }

  /** Takes the first item still in line. */
  public shift(): T | undefined {
    const item = this.first();
    if (item !== undefined) this.head++;
    return item;
  }

  /** The items still in line, first to last. */
  public waiting(): T[] {
    return this.items.slice(this.head).filter(this.inLine);
  }

  /** Drops the items that left the line once they are most of it (`waiting`: how many are still in line). */
  public compact(waiting: number): void {
    if (this.items.length - this.head > 2 * waiting + 64) {
      this.items = this.waiting();
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  public clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/** Standard queues: visible messages in the order they became visible (a message whose timeout ended goes last). */
export class StandardOrder implements ReceiveOrder {
  private readonly visible = new Line<StoredMessage>(m => m.state === 'visible');
  private count = 0;

  public get size(): number {
    return this.count;
  }

  public add(message: StoredMessage): void {
    this.visible.push(message);
    this.count++;
  }

  /** The message (no longer visible) is passed over when it reaches the front. */
  public remove(): void {
    this.count--;
  }

  public next(): StoredMessage | undefined {
    const message = this.visible.shift();
    if (message !== undefined) {
      this.count--;
      this.visible.compact(this.count);
    }
    return message;
  }

  public hasReceivable(): boolean {
    return this.count > 0;
  }

  public inFlight(): void {}

  public landed(): void {}

  public clear(): void {
    this.visible.clear();
    this.count = 0;
  }
}

/** The messages of one FIFO message group: its visible ones in order, and how many are in flight. */
class MessageGroup {
  public readonly visible: StoredMessage[] = [];
  public inFlight = 0;

  constructor(public readonly id: string) {}

  public get blocked(): boolean {
    return this.inFlight > 0;
  }
}

/** FIFO queues: message groups in order, each blocked while one of its messages is in flight. */
export class FifoOrder implements ReceiveOrder {
  private readonly groups = new Map<string, MessageGroup>();
  /** Groups that have a visible message and none in flight, in the order they became so. */
  private readonly receivable = new Set<MessageGroup>();
  private visibleCount = 0;

  public get size(): number {
    return this.visibleCount;
  }

  public add(message: StoredMessage): void {
    const group = this.groupOf(message);
    // In its place in the group: a message whose visibility timeout ended goes before the group's later messages.
    const visible = group.visible;
    let i = visible.length;
    while (i > 0 && visible[i - 1].serial > message.serial) i--;
    visible.splice(i, 0, message);
    this.visibleCount++;
    this.update(group);
  }

  public remove(message: StoredMessage): void {
    const group = this.groupOf(message);
    const i = group.visible.indexOf(message);
    if (i < 0) return;
    group.visible.splice(i, 1);
    this.visibleCount--;
    this.update(group);
  }

  public next(previous: StoredMessage | undefined): StoredMessage | undefined {
    let group = previous === undefined ? undefined : this.groups.get(previous.groupId as string);
    if (group === undefined || group.visible.length === 0) group = this.receivable.values().next().value;
    if (group === undefined) return undefined;
    const message = group.visible.shift() as StoredMessage;
    this.visibleCount--;
    this.update(group);
    return message;
  }

  public hasReceivable(): boolean {
    return this.receivable.size > 0;
  }

  public inFlight(message: StoredMessage): void {
    const group = this.groupOf(message);
    group.inFlight++;
    this.update(group);
  }

  public landed(message: StoredMessage): void {
    const group = this.groupOf(message);
    group.inFlight--;
    this.update(group);
  }

  public clear(): void {
    this.groups.clear();
    this.receivable.clear();
    this.visibleCount = 0;
  }

  private groupOf(message: StoredMessage): MessageGroup {
    const id = message.groupId as string;
    let group = this.groups.get(id);
    if (group === undefined) {
      group = new MessageGroup(id);
      this.groups.set(id, group);
    }
    return group;
  }

  private update(group: MessageGroup): void {
    if (group.visible.length > 0 && !group.blocked) {
      this.receivable.add(group); // a group already there keeps its place
      return;
    }
    this.receivable.delete(group);
    if (group.visible.length === 0 && !group.blocked) this.groups.delete(group.id);
  }
}
