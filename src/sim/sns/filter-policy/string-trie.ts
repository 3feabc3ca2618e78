/**
 * A character trie of keys with their postings, for the subscription index's prefix and suffix conditions: walking
 * a value's characters visits exactly the keys that are prefixes of it (or, for a trie of reversed keys walked from
 * the value's end, suffixes), in time proportional to the value's length, whatever the number of keys.
 */
export class TrieNode {
  public children: Map<number, TrieNode> | undefined;
  /** Postings of the key that ends here. */
  public postings: number[] | undefined;
}

/** Adds `posting` under `key`, read forwards or from its end (`reversed`). */
export function trieAdd(root: TrieNode, key: string, reversed: boolean, posting: number): void {
  let node = root;
  const n = key.length;
  for (let i = 0; i < n; i++) {
    const code = key.charCodeAt(reversed ? n - 1 - i : i);
    node.children ??= new Map();
    let next = node.children.get(code);
    if (next === undefined) {
      next = new TrieNode();
      node.children.set(code, next);
    }
    node = next;
  }
  (node.postings ??= []).push(posting);
}

/**
 * Calls `visit` with the postings of every key that is a prefix of `value` (a suffix, when the trie holds reversed
 * keys and `reversed` is true), shortest first. The empty key, when present, is a prefix of every value.
 */
export function trieVisit<C>(
  root: TrieNode,
  value: string,
  reversed: boolean,
  context: C,
  visit: (context: C, postings: readonly number[]) => void,
): void {
  let node: TrieNode | undefined = root;
  const n = value.length;
  for (let i = 0; ; i++) {
    if (node.postings !== undefined) visit(context, node.postings);
    if (i === n || node.children === undefined) return;
    node = node.children.get(value.charCodeAt(reversed ? n - 1 - i : i));
    if (node === undefined) return;
  }
}
