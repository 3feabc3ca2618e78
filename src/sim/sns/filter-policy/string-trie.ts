/**
 * A character trie of keys with their postings, for the subscription index's prefix and suffix keys: walking a
 * value's characters finds exactly the keys that begin it (or, for a trie of reversed keys walked from the value's
 * end, the keys that end it), in time proportional to the value's length, whatever the number of keys.
 */
export class StringTrie<P> {
  private readonly root = new TrieNode<P>();

  /** @param reversed true for suffix keys: keys and values are read from their last character. */
  constructor(private readonly reversed: boolean) {}

  public add(key: string, posting: P): void {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const code = this.charAt(key, i);
      let next = node.children.get(code);
      if (next === undefined) {
        next = new TrieNode<P>();
        node.children.set(code, next);
      }
      node = next;
    }
    node.postings.push(posting);
  }

  /** The postings of every key that begins `value` (ends it, when reversed), shortest key first. */
  public find(value: string): P[] {
    const found: P[] = [];
    let node: TrieNode<P> | undefined = this.root;
    for (let i = 0; node !== undefined; i++) {
      found.push(...node.postings);
      node = i < value.length ? node.children.get(this.charAt(value, i)) : undefined;
    }
    return found;
  }

  private charAt(text: string, i: number): number {
    return text.charCodeAt(this.reversed ? text.length - 1 - i : i);
  }
}

class TrieNode<P> {
  public readonly children = new Map<number, TrieNode<P>>();
  /** Postings of the key that ends at this node. */
  public readonly postings: P[] = [];
}
