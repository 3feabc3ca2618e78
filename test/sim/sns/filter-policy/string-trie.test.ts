import { compileFilterPolicy, CompiledFilterPolicy, FilterMessage, FilterPolicyIndex } from '../../../../src/sim/sns/filter-policy';
import { StringTrie } from '../../../../src/sim/sns/filter-policy/string-trie';

describe('StringTrie: the keys that are prefixes (or suffixes) of a value', () => {
  test('finds every key that begins the value, shortest first, and no other', () => {
    const trie = new StringTrie<number>(false);
    ['', 'a', 'ab', 'abc', 'b', 'abd'].forEach((key, i) => trie.add(key, i));
    expect(trie.find('abcx')).toEqual([0, 1, 2, 3]);
    expect(trie.find('ab')).toEqual([0, 1, 2]);
    expect(trie.find('zzz')).toEqual([0]);
    expect(trie.find('')).toEqual([0]);
  });

  test('a reversed trie finds the keys that end the value', () => {
    const trie = new StringTrie<number>(true);
    ['ball', 'all', 'basketball', 'ballet'].forEach((key, i) => trie.add(key, i));
    expect(trie.find('football')).toEqual([1, 0]);
    expect(trie.find('basketball')).toEqual([1, 0, 2]);
    expect(trie.find('ballet')).toEqual([3]);
  });

  test('a key added twice keeps both postings', () => {
    const trie = new StringTrie<string>(false);
    trie.add('x', 'first');
    trie.add('x', 'second');
    expect(trie.find('xy')).toEqual(['first', 'second']);
  });
});

describe('the subscription index keys on prefix, suffix, equals-ignore-case and wildcard conditions', () => {
  const policies = [
    { customer: [{ prefix: 'c1:' }] },
    { customer: [{ prefix: 'c10:' }, 'vip'] },
    { customer: [{ suffix: '@example.com' }] },
    { customer: [{ 'equals-ignore-case': 'ACME' }] },
    { customer: [{ prefix: '' }], region: ['eu'] },
    { region: [{ 'anything-but': 'us' }] },
    { customer: [{ wildcard: 'c2*:x' }] },
    { customer: [{ wildcard: '*@corp' }] },
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
    [{ customer: 'c2-7:x' }, [6]], // found under the prefix "c2", then the whole pattern evaluated
    [{ customer: 'c2:y' }, []],
    [{ customer: 'a@corp' }, [7]], // found under the suffix "@corp"
  ])('%j -> subscriptions %j', (attributes, expected) => {
    expect(match(attributes)).toEqual(expected);
  });
});
