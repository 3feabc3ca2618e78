import { CompiledFilterPolicy } from './compile';
import { matchesGroup, matchesPolicy } from './evaluate';
import { KeyMatcher } from './key-matcher';
import { FilterMessage } from './message';
import { isComparableNumber, toFixedPoint } from './number';
import { FilterPolicyScope, Scalar } from './types';

/** Group indexes are packed with the entry ordinal into one number: ordinal * GROUP_SLOTS + group. */
const GROUP_SLOTS = 4096;

interface PathPostings {
  readonly strings: Map<string, number[]>;
  readonly numbers: Map<number, number[]>;
}

/**
 * The subscriptions of a topic, indexed so that a publish evaluates only the policies that can match.
 *
 * Each `$or` group of a policy is anchored on one of its properties whose conditions are all exact strings or
 * numbers (the one with fewest values); the index maps (property, value) to the groups anchored there. A message
 * looks up its own attribute values (or body leaves) and fully evaluates only the groups found, plus the entries
 * that have no anchor (no policy, or only operators such as prefix, numeric ranges or anything-but). A group can only
 * match when its anchor matches, and an anchor with only exact values matches exactly when the lookup finds it, so
 * the result equals evaluating every policy in turn, at a cost that grows with the matches, not the subscriptions.
 */
export class FilterPolicyIndex<T> {
  private readonly items: T[] = [];
  private readonly policies: (CompiledFilterPolicy | undefined)[] = [];
  private readonly unanchored: number[] = [];
  private readonly attributeIndex = new Map<string, PathPostings>();
  private readonly bodyIndex = new Map<string, PathPostings>();
  /** The indexes' entries as arrays: a publish walks them without an iterator or entry arrays. */
  private readonly attributePaths: string[] = [];
  private readonly attributePostings: PathPostings[] = [];
  private readonly bodyPathList: string[] = [];
  private readonly bodyPostings: PathPostings[] = [];
  private readonly paths = new Set<string>();
  private readonly decided: number[] = [];
  private stamp = 0;

  public get size(): number {
    return this.items.length;
  }

  /** Every body path (and prefix) a MessageBody policy reads: pass it to `FilterMessage` to flatten only those. */
  public get bodyPaths(): ReadonlySet<string> {
    return this.paths;
  }

  public add(item: T, policy: CompiledFilterPolicy | undefined): void {
    const ordinal = this.items.length;
    this.items.push(item);
    this.policies.push(policy);
    this.decided.push(0);
    if (policy === undefined) {
      this.unanchored.push(ordinal);
      return;
    }
    if (policy.scope === 'MessageBody') for (const p of policy.pathPrefixes) this.paths.add(p);
    const anchors = policy.groups.map(anchorOf);
    if (policy.groups.length > GROUP_SLOTS || anchors.some(a => a === undefined)) {
      this.unanchored.push(ordinal);
      return;
    }
    const index = policy.scope === 'MessageAttributes' ? this.attributeIndex : this.bodyIndex;
    anchors.forEach((anchor, group) => {
      const km = anchor as KeyMatcher;
      let postings = index.get(km.path);
      if (postings === undefined) {
        postings = { strings: new Map(), numbers: new Map() };
        index.set(km.path, postings);
        if (index === this.attributeIndex) {
          this.attributePaths.push(km.path);
          this.attributePostings.push(postings);
        } else {
          this.bodyPathList.push(km.path);
          this.bodyPostings.push(postings);
        }
      }
      const posting = ordinal * GROUP_SLOTS + group;
      for (const s of km.literalStrings) push(postings.strings, s, posting);
      for (const n of km.literalNumbers) push(postings.numbers, n, posting);
    });
  }

  /** The item added at `ordinal` (0-based, in the order of `add`). */
  public item(ordinal: number): T {
    return this.items[ordinal];
  }

  /**
   * The ordinals of the items whose policy accepts the message, ascending (the order the items were added). The
   * array is the caller's: a later call (a delivery that publishes again, to this topic too) does not change it.
   */
  public match(message: FilterMessage): number[] {
    const stamp = ++this.stamp;
    const matched: number[] = [];
    const attributePaths = this.attributePaths;
    if (attributePaths.length > 0) {
      const attributes = message.attributeMap;
      for (let i = 0; i < attributePaths.length; i++) {
        const attribute = attributes.get(attributePaths[i]);
        if (attribute !== undefined) this.lookup(this.attributePostings[i], attribute.values, 'MessageAttributes', message, stamp, matched);
      }
    }
    const bodyPaths = this.bodyPathList;
    if (bodyPaths.length > 0) {
      const body = message.body;
      if (body !== null) {
        for (let i = 0; i < bodyPaths.length; i++) {
          const leaves = body.leaves.get(bodyPaths[i]);
          if (leaves !== undefined) this.lookup(this.bodyPostings[i], leaves.values, 'MessageBody', message, stamp, matched);
        }
      }
    }
    const unanchored = this.unanchored;
    for (let i = 0; i < unanchored.length; i++) {
      const ordinal = unanchored[i];
      const policy = this.policies[ordinal];
      if (policy === undefined || matchesPolicy(policy, message)) {
        this.decided[ordinal] = stamp;
        matched.push(ordinal);
      }
    }
    sortAscending(matched);
    return matched;
  }

  private lookup(
    postings: PathPostings,
    values: readonly Scalar[],
    scope: FilterPolicyScope,
    message: FilterMessage,
    stamp: number,
    matched: number[],
  ): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') this.consider(postings.strings.get(v), scope, message, stamp, matched);
      else if (isComparableNumber(v)) this.consider(postings.numbers.get(toFixedPoint(v)), scope, message, stamp, matched);
    }
  }

  private consider(
    postings: readonly number[] | undefined,
    scope: FilterPolicyScope,
    message: FilterMessage,
    stamp: number,
    matched: number[],
  ): void {
    if (postings === undefined) return;
    const decided = this.decided;
    for (let i = 0; i < postings.length; i++) {
      const posting = postings[i];
      const ordinal = Math.floor(posting / GROUP_SLOTS);
      if (decided[ordinal] === stamp) continue;
      const policy = this.policies[ordinal] as CompiledFilterPolicy;
      if (matchesGroup(scope, policy.groups[posting - ordinal * GROUP_SLOTS], message)) {
        decided[ordinal] = stamp;
        matched.push(ordinal);
      }
    }
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Sorts in place. Matches are few and nearly sorted (postings are found in subscription order per value), where an
 * insertion sort is fastest and, unlike Array.prototype.sort, allocates nothing.
 */
function sortAscending(xs: number[]): void {
  if (xs.length > 64) {
    xs.sort(ascending);
    return;
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > x) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = x;
  }
}

/** The exact-values-only property with the fewest values, or undefined when the group has none. */
function anchorOf(group: readonly KeyMatcher[]): KeyMatcher | undefined {
  let best: KeyMatcher | undefined;
  for (const km of group) {
    if (!km.indexable) continue;
    const n = km.literalStrings.length + km.literalNumbers.length;
    if (best === undefined || n < best.literalStrings.length + best.literalNumbers.length) best = km;
  }
  return best;
}

function push<K>(map: Map<K, number[]>, key: K, posting: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [posting]);
  else list.push(posting);
}
