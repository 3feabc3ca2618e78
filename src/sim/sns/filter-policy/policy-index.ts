import { CompiledFilterPolicy } from './compile';
import { matchesGroup } from './evaluate';
import { KeyMatcher } from './key-matcher';
import { FilterMessage } from './message';
import { isComparableNumber, toFixedPoint } from './number';
import { StringTrie } from './string-trie';
import { FilterPolicyScope, IndexKey, Scalar } from './types';

/** One `$or` group of one subscription's policy: what a lookup finds and then evaluates. */
interface Posting {
  readonly ordinal: number;
  readonly scope: FilterPolicyScope;
  readonly group: readonly KeyMatcher[];
}

/**
 * The subscriptions of a topic, indexed so that a publish evaluates only the policies that can match.
 *
 * Each `$or` group of a policy is anchored on one of its properties whose conditions all have index keys (exact
 * strings and numbers, prefixes, suffixes, equals-ignore-case values, the literal ends of wildcards; see
 * `KeyMatcher.keys`). A group is filed under every key of its anchor. A message looks up its own values of each
 * anchor property and evaluates, in full, only the groups it finds, plus the groups that have no anchor (only
 * operators such as numeric ranges, cidr, anything-but or exists) and the subscriptions without a policy. Every value
 * an anchor matches is found by one of its keys, so the result equals evaluating every policy in turn, at a cost that
 * grows with the matches rather than with the subscriptions.
 *
 * The anchor is the property whose keys the topic's groups share least (the fewest groups per key, on average):
 * with `{"kind": ["order"], "customer": ["c7"]}` on every subscription, a message finds the one group keyed on its
 * customer rather than every group keyed on "order". Anchors are chosen once every policy is known: when the
 * simulator links the template (`prepare`), or on the first publish after subscriptions change.
 */
export class FilterPolicyIndex<T> {
  private readonly items: T[] = [];
  private readonly policies: (CompiledFilterPolicy | undefined)[] = [];
  private readonly paths = new Set<string>();
  /** The lookup tables for the current subscriptions; undefined after `add` until the next `prepare` or `match`. */
  private built: BuiltIndex | undefined;
  private evaluated = 0;

  public get size(): number {
    return this.items.length;
  }

  /** How many groups matches have evaluated so far: what the anchors save shows here. */
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
    if (policy !== undefined && policy.scope === 'MessageBody') for (const p of policy.pathPrefixes) this.paths.add(p);
    this.built = undefined;
  }

  /** Builds the lookup tables now, if subscriptions changed since (otherwise the next match does it). */
  public prepare(): void {
    this.built ??= buildIndex(this.policies);
  }

  /** The item added at `ordinal` (0-based, in the order of `add`). */
  public item(ordinal: number): T {
    return this.items[ordinal];
  }

  /** The ordinals of the items whose policy accepts the message, ascending (the order the items were added). */
  public match(message: FilterMessage): number[] {
    const index = this.built ??= buildIndex(this.policies);
    const accepted = new Set<number>(index.unfiltered);
    const evaluated = new Set<Posting>();
    const consider = (posting: Posting): void => {
      if (accepted.has(posting.ordinal) || evaluated.has(posting)) return;
      evaluated.add(posting);
      this.evaluated++;
      if (matchesGroup(posting.scope, posting.group, message)) accepted.add(posting.ordinal);
    };
    for (const [name, table] of index.attributes) {
      for (const v of message.attribute(name) ?? []) table.find(v).forEach(consider);
    }
    if (index.body.size > 0) {
      const leaves = message.body?.leaves;
      for (const [path, table] of index.body) {
        for (const v of leaves?.get(path)?.values ?? []) table.find(v).forEach(consider);
      }
    }
    index.unanchored.forEach(consider);
    return [...accepted].sort((a, b) => a - b);
  }
}

/** The lookup tables built from the policies known at one time. */
interface BuiltIndex {
  /** Anchored groups by anchor path, per scope. */
  readonly attributes: ReadonlyMap<string, KeyTable>;
  readonly body: ReadonlyMap<string, KeyTable>;
  /** Groups with no anchor: evaluated on every publish. */
  readonly unanchored: readonly Posting[];
  /** Subscriptions without a policy: they accept every message. */
  readonly unfiltered: readonly number[];
}

function buildIndex(policies: readonly (CompiledFilterPolicy | undefined)[]): BuiltIndex {
  const shared = sharedKeyCounts(policies);
  const attributes = new Map<string, KeyTable>();
  const body = new Map<string, KeyTable>();
  const unanchored: Posting[] = [];
  const unfiltered: number[] = [];
  policies.forEach((policy, ordinal) => {
    if (policy === undefined) {
      unfiltered.push(ordinal);
      return;
    }
    const tables = policy.scope === 'MessageAttributes' ? attributes : body;
    for (const group of policy.groups) {
      const posting: Posting = { ordinal, scope: policy.scope, group };
      const anchor = anchorOf(policy.scope, group, shared);
      if (anchor === undefined) {
        unanchored.push(posting);
        continue;
      }
      let table = tables.get(anchor.path);
      if (table === undefined) {
        table = new KeyTable();
        tables.set(anchor.path, table);
      }
      for (const key of anchor.keys ?? []) table.add(key, posting);
    }
  });
  return { attributes, body, unanchored, unfiltered };
}

/** The groups anchored on one property, filed under their anchor's keys. */
class KeyTable {
  private readonly strings = new Map<string, Posting[]>();
  private readonly numbers = new Map<number, Posting[]>();
  private readonly lowerCased = new Map<string, Posting[]>();
  private readonly prefixes = new StringTrie<Posting>(false);
  private readonly suffixes = new StringTrie<Posting>(true);

  public add(key: IndexKey, posting: Posting): void {
    switch (key.kind) {
      case 'string': return fileUnder(this.strings, key.value, posting);
      case 'number': return fileUnder(this.numbers, key.value, posting);
      case 'lowerCase': return fileUnder(this.lowerCased, key.value, posting);
      case 'prefix': return this.prefixes.add(key.value, posting);
      case 'suffix': return this.suffixes.add(key.value, posting);
    }
  }

  /** The groups filed under any key the value satisfies (a group may appear more than once). */
  public find(v: Scalar): Posting[] {
    if (typeof v === 'string') {
      return [
        ...this.strings.get(v) ?? [],
        ...this.lowerCased.get(v.toLowerCase()) ?? [],
        ...this.prefixes.find(v),
        ...this.suffixes.find(v),
      ];
    }
    if (isComparableNumber(v)) return this.numbers.get(toFixedPoint(v)) ?? [];
    return [];
  }
}

function fileUnder<K>(map: Map<K, Posting[]>, key: K, posting: Posting): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [posting]);
  else list.push(posting);
}

/** How many groups each index key (named by scope, path and key) is a key of. */
function sharedKeyCounts(policies: readonly (CompiledFilterPolicy | undefined)[]): Map<string, number> {
  const shared = new Map<string, number>();
  for (const policy of policies) {
    if (policy === undefined) continue;
    for (const group of policy.groups) {
      for (const km of group) {
        for (const name of keyNames(policy.scope, km)) shared.set(name, (shared.get(name) ?? 0) + 1);
      }
    }
  }
  return shared;
}

/**
 * The property with index keys whose keys the fewest groups share on average (ties: the one with fewer keys), or
 * undefined when the group has none. A message carries one value per property as a rule, so this is the property
 * whose lookup finds the fewest groups to evaluate.
 */
function anchorOf(scope: FilterPolicyScope, group: readonly KeyMatcher[], shared: ReadonlyMap<string, number>): KeyMatcher | undefined {
  let best: KeyMatcher | undefined;
  let bestShare = Infinity;
  let bestKeys = Infinity;
  for (const km of group) {
    const names = keyNames(scope, km);
    if (names.length === 0) continue;
    const share = names.reduce((total, name) => total + (shared.get(name) ?? 0), 0) / names.length;
    if (share < bestShare || (share === bestShare && names.length < bestKeys)) {
      best = km;
      bestShare = share;
      bestKeys = names.length;
    }
  }
  return best;
}

/** A property's index keys as names unique across scopes and paths (none when the property has no keys). */
function keyNames(scope: FilterPolicyScope, km: KeyMatcher): string[] {
  return (km.keys ?? []).map(key => `${scope}\u0000${km.path}\u0000${key.kind}\u0000${key.value}`);
}
