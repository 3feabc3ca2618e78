import { CompiledFilterPolicy } from './compile';
import { matchesGroup, matchesPolicy } from './evaluate';
import { KeyMatcher } from './key-matcher';
import { FilterMessage, FlatBody } from './message';
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
 * numbers, prefixes, suffixes or equals-ignore-case values; the index maps (property, value) to the groups anchored
 * there, with a trie for prefixes and one for suffixes and a map of lower-cased values. A message looks up its own
 * attribute values (or body leaves) and fully evaluates only the groups found, plus the entries that have no anchor
 * (no policy, or only operators such as numeric ranges, anything-but or exists). A group can only match when its
 * anchor matches, and such an anchor matches only values its lookups find, so the result equals evaluating every
 * policy in turn, at a cost that grows with the matches, not the subscriptions.
 *
 * The anchor is the property whose values the topic's groups share least (the fewest groups per value, on average):
 * with `{"kind": ["order"], "customer": ["c7"]}` on every subscription, a message finds the one group keyed on its
 * customer rather than every group keyed on "order". Anchors are chosen once every policy is known: when the
 * simulator links the template (`prepare`), and again on the first publish after subscriptions change.
 */
export class FilterPolicyIndex<T> {
  private readonly items: T[] = [];
  private readonly policies: (CompiledFilterPolicy | undefined)[] = [];
  private readonly unanchored: number[] = [];
  /**
   * Per entry and group, the group's properties other than its anchor. A group found through its anchor's postings
   * has its anchor matched already (an anchor's conditions match exactly the values its keys are found by), so
   * only the rest is evaluated; except in a body with arrays of objects, where every property must be matched in
   * the same array element and the whole group is evaluated.
   */
  private readonly rests: (readonly (readonly KeyMatcher[])[] | undefined)[] = [];
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
  /** False after `add` until the next match anchors every group again. */
  private anchored = true;
  /** Groups evaluated in full so far (postings looked up and tested): what the anchors save shows here. */
  private evaluated = 0;
  /** The one reusable context of trie visits (a publish does not nest lookups in one index). */
  private readonly visit: VisitContext<T> = { index: this, scope: 'MessageAttributes', message: undefined, stamp: 0, matched: new MatchList() };


  public get size(): number {
    return this.items.length;
  }

  /** How many groups (and unanchored policies) matches have evaluated in full so far. */
  public get evaluations(): number {
    return this.evaluated;
  }

  /** Every body path (and prefix) a MessageBody policy reads: pass it to `FilterMessage` to flatten only those. */
  public get bodyPaths(): ReadonlySet<string> {
    return this.paths;
  }

  public add(item: T, policy: CompiledFilterPolicy | undefined): void {
    this.items.push(item);
    this.policies.push(policy);
    this.decided.push(0);
    if (policy !== undefined && policy.scope === 'MessageBody') for (const p of policy.pathPrefixes) this.paths.add(p);
    this.anchored = false;
  }

  /** Anchors every group now, if subscriptions changed since (otherwise the next match does it). */
  public prepare(): void {
    if (!this.anchored) this.anchorAll();
  }

  /** Chooses every group's anchor from how many groups share each key, and rebuilds the postings. */
  private anchorAll(): void {
    this.attributeIndex.clear();
    this.bodyIndex.clear();
    this.attributePaths.length = 0;
    this.attributePostings.length = 0;
    this.bodyPathList.length = 0;
    this.bodyPostings.length = 0;
    this.unanchored.length = 0;
    this.rests.length = 0;
    const shared = new Map<string, number>();
    for (const policy of this.policies) {
      if (policy === undefined) continue;
      for (const group of policy.groups) {
        for (const km of group) if (km.indexable) for (const key of indexKeys(policy.scope, km)) shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
    this.policies.forEach((policy, ordinal) => {
      const anchors = policy === undefined ? [] : policy.groups.map(group => anchorOf(policy.scope, group, shared));
      if (policy === undefined || policy.groups.length > GROUP_SLOTS || anchors.some(a => a === undefined)) {
        this.unanchored.push(ordinal);
        return;
      }
      anchors.forEach((anchor, group) => this.post(policy.scope, anchor as KeyMatcher, ordinal * GROUP_SLOTS + group));
      this.rests[ordinal] = policy.groups.map((group, g) => group.filter(km => km !== anchors[g]));
    });
    this.anchored = true;
  }

  /** Files a group (`posting`) under every key of its anchor. */
  private post(scope: FilterPolicyScope, km: KeyMatcher, posting: number): void {
    const index = scope === 'MessageAttributes' ? this.attributeIndex : this.bodyIndex;
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
    for (const s of km.literalStrings) push(postings.strings, s, posting);
    for (const n of km.literalNumbers) push(postings.numbers, n, posting);
    for (const l of km.lowerCased) push(postings.lowerCased, l, posting);
    for (const p of km.prefixes) trieAdd(postings.prefixes, p, false, posting);
    for (const x of km.suffixes) trieAdd(postings.suffixes, x, true, posting);
    postings.hasPrefixes ||= km.prefixes.length > 0;
    postings.hasSuffixes ||= km.suffixes.length > 0;
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
    const list = new MatchList();
    this.matchInto(message, list);
    return list.items.slice(0, list.count);
  }

  /**
   * As `match`, into `list` (cleared first): its first `count` items. A caller that matches on every publish reuses
   * lists and allocates nothing (one list per nesting level: a delivery may publish again before a fan-out ends).
   */
  public matchInto(message: FilterMessage, list: MatchList): void {
    if (!this.anchored) this.anchorAll();
    const stamp = ++this.stamp;
    list.count = 0;
    const attributePaths = this.attributePaths;
    if (attributePaths.length > 0) {
      for (let i = 0; i < attributePaths.length; i++) {
        const attribute = message.attribute(attributePaths[i]);
        if (attribute === undefined) continue;
        if (typeof attribute === 'object') this.lookup(this.attributePostings[i], attribute.values, 'MessageAttributes', message, stamp, list);
        else this.lookupOne(this.attributePostings[i], attribute, 'MessageAttributes', message, stamp, list);
      }
    }
    const bodyPaths = this.bodyPathList;
    if (bodyPaths.length > 0) {
      const body = message.body;
      if (body !== null) {
        for (let i = 0; i < bodyPaths.length; i++) {
          const leaves = body.leaves.get(bodyPaths[i]);
          if (leaves !== undefined) this.lookup(this.bodyPostings[i], leaves.values, 'MessageBody', message, stamp, list);
        }
      }
    }
    const unanchored = this.unanchored;
    this.evaluated += unanchored.length;
    for (let i = 0; i < unanchored.length; i++) {
      const ordinal = unanchored[i];
      const policy = this.policies[ordinal];
      if (policy === undefined || matchesPolicy(policy, message)) {
        this.decided[ordinal] = stamp;
        list.add(ordinal);
      }
    }
    sortAscending(list.items, list.count);
  }

  private lookup(
    postings: PathPostings,
    values: readonly Scalar[],
    scope: FilterPolicyScope,
    message: FilterMessage,
    stamp: number,
    matched: MatchList,
  ): void {
    for (let i = 0; i < values.length; i++) this.lookupOne(postings, values[i], scope, message, stamp, matched);
  }

  /** Evaluates the groups filed under one value of the property (`postings`). */
  private lookupOne(
    postings: PathPostings,
    v: Scalar,
    scope: FilterPolicyScope,
    message: FilterMessage,
    stamp: number,
    matched: MatchList,
  ): void {
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

  private visitContext(scope: FilterPolicyScope, message: FilterMessage, stamp: number, matched: MatchList): VisitContext<T> {
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
    matched: MatchList,
  ): void {
    if (postings === undefined) return;
    const decided = this.decided;
    const wholeGroups = scope === 'MessageBody' && (message.body as FlatBody).hasObjectArrays;
    for (let i = 0; i < postings.length; i++) {
      const posting = postings[i];
      const ordinal = Math.floor(posting / GROUP_SLOTS);
      if (decided[ordinal] === stamp) continue;
      this.evaluated++;
      const group = posting - ordinal * GROUP_SLOTS;
      const properties = wholeGroups
        ? (this.policies[ordinal] as CompiledFilterPolicy).groups[group]
        : (this.rests[ordinal] as readonly (readonly KeyMatcher[])[])[group];
      if (matchesGroup(scope, properties, message)) {
        decided[ordinal] = stamp;
        matched.add(ordinal);
      }
    }
  }
}

interface VisitContext<T> {
  readonly index: FilterPolicyIndex<T>;
  scope: FilterPolicyScope;
  message: FilterMessage | undefined;
  stamp: number;
  matched: MatchList;
}

function considerVisited<T>(v: VisitContext<T>, postings: readonly number[]): void {
  v.index.consider(postings, v.scope, v.message as FilterMessage, v.stamp, v.matched);
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Sorts the first `count` items in place. Matches are few and nearly sorted (postings are found in subscription order
 * per value), where an insertion sort is fastest and, unlike Array.prototype.sort, allocates nothing.
 */
function sortAscending(xs: number[], count: number): void {
  if (count > 64) {
    const sorted = xs.slice(0, count).sort(ascending);
    for (let i = 0; i < count; i++) xs[i] = sorted[i];
    return;
  }
  for (let i = 1; i < count; i++) {
    const x = xs[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > x) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = x;
  }
}

/**
 * A reusable list of matched ordinals: its first `count` items. Items past `count` are stale. Written by index, never
 * truncated: setting an array's length to 0 releases its storage, and the next pushes allocate it again.
 */
export class MatchList {
  public readonly items: number[] = [];
  public count = 0;

  public add(ordinal: number): void {
    this.items[this.count++] = ordinal;
  }
}

/**
 * The indexable property whose keys the fewest groups share on average (ties: the one with fewer keys), or undefined
 * when the group has none. A message carries one value per property as a rule, so this is the property whose lookup
 * finds the fewest groups to evaluate.
 */
function anchorOf(scope: FilterPolicyScope, group: readonly KeyMatcher[], shared: ReadonlyMap<string, number>): KeyMatcher | undefined {
  let best: KeyMatcher | undefined;
  let bestShare = Infinity;
  for (const km of group) {
    if (!km.indexable) continue;
    const keys = indexKeys(scope, km);
    let total = 0;
    for (const key of keys) total += shared.get(key) ?? 0;
    const share = total / keys.length;
    if (best === undefined || share < bestShare || (share === bestShare && keys.length < keyCount(best))) {
      best = km;
      bestShare = share;
    }
  }
  return best;
}

/** A property's index keys, each named by scope, path, kind and value. */
function indexKeys(scope: FilterPolicyScope, km: KeyMatcher): string[] {
  const at = `${scope}\u0000${km.path}\u0000`;
  return [
    ...km.literalStrings.map(s => `${at}s${s}`),
    ...km.literalNumbers.map(n => `${at}n${n}`),
    ...km.prefixes.map(p => `${at}p${p}`),
    ...km.suffixes.map(x => `${at}x${x}`),
    ...km.lowerCased.map(l => `${at}l${l}`),
  ];
}

/** How many index keys a property has. */
function keyCount(km: KeyMatcher): number {
  return km.literalStrings.length + km.literalNumbers.length + km.prefixes.length + km.suffixes.length + km.lowerCased.length;
}

function push<K>(map: Map<K, number[]>, key: K, posting: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [posting]);
  else list.push(posting);
}
