import { CompiledFilterPolicy } from './compile';
import { matchesGroup, matchesPolicy } from './evaluate';
import { KeyMatcher } from './key-matcher';
import { FilterMessage } from './message';
import { isComparableNumber, toFixedPoint } from './number';
import { TrieNode, trieAdd, trieVisit } from './string-trie';
import { FilterPolicyScope, Scalar } from './types';

/** Group indexes are packed with the entry ordinal into one number: ordinal * GROUP_SLOTS + group. */
const GROUP_SLOTS = 4096;

interface PathPostings {
  readonly strings: Map<string, number[]>;
  readonly numbers: Map<number, number[]>;
  /** equals-ignore-case values, lower-cased. */
  readonly lowerCased: Map<string, number[]>;
  readonly prefixes: TrieNode;
  /** Suffixes, stored reversed. */
  readonly suffixes: TrieNode;
  hasPrefixes: boolean;
  hasSuffixes: boolean;
}

/**
 * The subscriptions of a topic, indexed so that a publish evaluates only the policies that can match.
 *
 * Each `$or` group of a policy is anchored on one of its properties whose conditions are all exact strings or
 * numbers, prefixes, suffixes or equals-ignore-case values (the one with fewest); the index maps (property, value)
 * to the groups anchored there, with a trie for prefixes and one for suffixes and a map of lower-cased values. A
 * message looks up its own attribute values (or body leaves) and fully evaluates only the groups found, plus the
 * entries that have no anchor (no policy, or only operators such as numeric ranges, anything-but or exists). A group
 * can only match when its anchor matches, and such an anchor matches only values its lookups find, so the result
 * equals evaluating every policy in turn, at a cost that grows with the matches, not the subscriptions.
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
  /** The one reusable context of trie visits (a publish does not nest lookups in one index). */
  private readonly visit: VisitContext<T> = { index: this, scope: 'MessageAttributes', message: undefined, stamp: 0, matched: [] };


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
        postings = {
          strings: new Map(),
          numbers: new Map(),
          lowerCased: new Map(),
          prefixes: new TrieNode(),
          suffixes: new TrieNode(),
          hasPrefixes: false,
          hasSuffixes: false,
        };
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
      for (const l of km.lowerCased) push(postings.lowerCased, l, posting);
      for (const p of km.prefixes) trieAdd(postings.prefixes, p, false, posting);
      for (const x of km.suffixes) trieAdd(postings.suffixes, x, true, posting);
      postings.hasPrefixes ||= km.prefixes.length > 0;
      postings.hasSuffixes ||= km.suffixes.length > 0;
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
      if (typeof v === 'string') {
        this.consider(postings.strings.get(v), scope, message, stamp, matched);
        if (postings.lowerCased.size > 0) this.consider(postings.lowerCased.get(v.toLowerCase()), scope, message, stamp, matched);
        if (postings.hasPrefixes || postings.hasSuffixes) {
          const visit = this.visitContext(scope, message, stamp, matched);
          if (postings.hasPrefixes) trieVisit(postings.prefixes, v, false, visit, considerVisited);
          if (postings.hasSuffixes) trieVisit(postings.suffixes, v, true, visit, considerVisited);
        }
      } else if (isComparableNumber(v)) {
        this.consider(postings.numbers.get(toFixedPoint(v)), scope, message, stamp, matched);
      }
    }
  }

  private visitContext(scope: FilterPolicyScope, message: FilterMessage, stamp: number, matched: number[]): VisitContext<T> {
    const v = this.visit;
    v.scope = scope;
    v.message = message;
    v.stamp = stamp;
    v.matched = matched;
    return v;
  }

  /** @internal for trie visits */
  public consider(
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

interface VisitContext<T> {
  readonly index: FilterPolicyIndex<T>;
  scope: FilterPolicyScope;
  message: FilterMessage | undefined;
  stamp: number;
  matched: number[];
}

function considerVisited<T>(v: VisitContext<T>, postings: readonly number[]): void {
  v.index.consider(postings, v.scope, v.message as FilterMessage, v.stamp, v.matched);
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

/** The indexable property with the fewest keys, or undefined when the group has none. */
function anchorOf(group: readonly KeyMatcher[]): KeyMatcher | undefined {
  let best: KeyMatcher | undefined;
  for (const km of group) {
    if (!km.indexable) continue;
    if (best === undefined || keyCount(km) < keyCount(best)) best = km;
  }
  return best;
}

/** How many index keys a property has (an anchor with fewer finds fewer candidates). */
function keyCount(km: KeyMatcher): number {
  return km.literalStrings.length + km.literalNumbers.length + km.prefixes.length + km.suffixes.length + km.lowerCased.length;
}

function push<K>(map: Map<K, number[]>, key: K, posting: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [posting]);
  else list.push(posting);
}
