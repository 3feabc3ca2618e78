import { compileFilterPolicy, CompiledFilterPolicy, FilterMessage, FilterPolicyIndex } from '../../../../src/sim/sns/filter-policy';
import { TrieNode, trieAdd, trieVisit } from '../../../../src/sim/sns/filter-policy/string-trie';

function visited(root: TrieNode, value: string, reversed: boolean): number[] {
  const out: number[] = [];
  trieVisit(root, value, reversed, out, (acc, postings) => acc.push(...postings));
  return out;
}

describe('StringTrie: the keys that are prefixes (or suffixes) of a value', () => {
  test('visits every key that begins the value, shortest first, and no other', () => {
    const root = new TrieNode();
    ['', 'a', 'ab', 'abc', 'b', 'abd'].forEach((key, i) => trieAdd(root, key, false, i));
    expect(visited(root, 'abcx', false)).toEqual([0, 1, 2, 3]);
    expect(visited(root, 'ab', false)).toEqual([0, 1, 2]);
    expect(visited(root, 'zzz', false)).toEqual([0]);
    expect(visited(root, '', false)).toEqual([0]);
  });

  test('reversed keys walked from the end give suffixes', () => {
    const root = new TrieNode();
    ['ball', 'all', 'basketball', 'ballet'].forEach((key, i) => trieAdd(root, key, true, i));
    expect(visited(root, 'football', true)).toEqual([1, 0]);
    expect(visited(root, 'basketball', true)).toEqual([1, 0, 2]);
    expect(visited(root, 'ballet', true)).toEqual([3]);
  });
});

describe('the subscription index keys on prefix, suffix and equals-ignore-case conditions', () => {
  const policies = [
    { customer: [{ prefix: 'c1:' }] },
    { customer: [{ prefix: 'c10:' }, 'vip'] },
    { customer: [{ suffix: '@example.com' }] },
    { customer: [{ 'equals-ignore-case': 'ACME' }] },
    { customer: [{ prefix: '' }], region: ['eu'] },
    { region: [{ 'anything-but': 'us' }] },
  ];
  const index = new FilterPolicyIndex<number>();
  policies.forEach((p, i) => index.add(i, compileFilterPolicy(p) as CompiledFilterPolicy));
  const match = (attributes: Record<string, string>) => index.match(new FilterMessage(
    Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])), 'm'));

  test.each([
    [{ customer: 'c1:42' }, [0]],
    [{ customer: 'c10:7' }, [1]], // 'c1' + '0:7' does not begin with 'c1:'
    [{ customer: 'vip' }, [1]],
    [{ customer: 'ops@example.com' }, [2]],
    [{ customer: 'aCmE' }, [3]],
    [{ customer: 'anyone', region: 'eu' }, [4, 5]],
    [{ customer: 'c1:9', region: 'us' }, [0]],
  ])('%j -> subscriptions %j', (attributes, expected) => {
    expect(match(attributes)).toEqual(expected);
  });
});
