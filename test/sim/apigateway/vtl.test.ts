/**
 * Mapping templates ("API Gateway mapping template and access logging variable reference"): `$input`, `$util`,
 * `$context`, `$stageVariables`, rendered with velocityjs and corrected toward API Gateway's Java semantics.
 */
import { VtlEngine } from '../../../src/sim/apigateway/vtl/engine';
import { jsonPath } from '../../../src/sim/apigateway/vtl/jsonpath';
import { escapeJavaScript, urlEncode } from '../../../src/sim/apigateway/vtl/util';

const input = (body: string, header: Record<string, string> = {}) => ({ body, params: { path: { id: '7' }, querystring: { q: 'x' }, header } });
const render = (template: string, body = '{}', extra: object = {}) => new VtlEngine().render(template, { input: input(body, { 'X-Group': 'g1' }), context: { requestId: 'r-1', authorizer: { claims: { sub: 'u' } } }, ...extra });

describe('$util', () => {
  test('urlEncode is Java form encoding: space as +, and !\'()~ encoded (JavaScript would keep them)', () => {
    expect(urlEncode("a b!'()~*.-_é")).toBe('a+b%21%27%28%29%7E*.-_%C3%A9');
    expect(render('$util.urlDecode("a+b%21")')).toBe('a b!');
  });

  test('escapeJavaScript escapes single quotes, slashes and non-ASCII characters as Java does', () => {
    expect(escapeJavaScript('it\'s "a/b"\n\té')).toBe('it\\\'s \\"a\\/b\\"\\n\\t\\u00E9');
  });

  test('base64Encode / base64Decode and parseJson', () => {
    expect(render('$util.base64Encode("hello")')).toBe('aGVsbG8=');
    expect(render('$util.base64Decode("aGVsbG8=")')).toBe('hello');
    expect(render('#set($o = $util.parseJson(\'{"a":{"b":2}}\'))$o.a.b')).toBe('2');
  });
});

describe('$input', () => {
  test('body, json(path) as JSON text, path(path) as an object, params(name) looking in path, query string, then headers (case-insensitive)', () => {
    const body = '{"order":{"id":"o-1","items":[{"sku":"a"},{"sku":"b"}]}}';
    expect(render('$input.body', body)).toBe(body);
    expect(render('$input.json(\'$.order.items[0]\')', body)).toBe('{"sku":"a"}');
    expect(render('$input.path(\'$.order.id\')', body)).toBe('o-1');
    expect(render('$input.params(\'id\')/$input.params(\'q\')/$input.params(\'x-group\')/[$input.params(\'missing\')]')).toBe('7/x/g1/[]');
  });

  test('a JSON object or list renders as Java\'s Map/List toString, not [object Object]', () => {
    const body = '{"a":{"b":1,"c":"x"},"l":[1,2]}';
    expect(render('$input.path(\'$.a\') $input.path(\'$.l\')', body)).toBe('{b=1, c=x} [1, 2]');
  });

  test('#foreach over a list with $foreach.hasNext, and .size()', () => {
    const body = '{"items":[{"sku":"a"},{"sku":"b"}]}';
    const t = '#set($items = $input.path(\'$.items\'))$items.size():[#foreach($i in $items)"$i.sku"#if($foreach.hasNext),#end#end]';
    expect(render(t, body)).toBe('2:["a","b"]');
  });
});

describe('Java semantics where velocityjs follows JavaScript', () => {
  test('an undefined reference renders as nothing (API Gateway), not as its own text', () => {
    expect(render('[$nothing][$context.nope][$input.path(\'$.none\')]')).toBe('[][][]');
  });

  test('String methods: length(), replace (every occurrence), replaceAll and matches with Java regular expressions, split drops trailing empties', () => {
    expect(render('#set($s = "a-b-c")$s.length() $s.replace("-", "+") $s.replaceAll("[-]", "") $s.matches("a.*") $s.matches("b")')).toBe('5 a+b+c abc true false');
    expect(render('#set($p = "a,b,,")$p.split(",").size()')).toBe('2');
    expect(render('#set($x = "x")#set($e = "")#if($x.equals("x") && $e.isEmpty() && $x.equalsIgnoreCase("X"))yes#end')).toBe('yes');
  });

  test('$context and $stageVariables', () => {
    expect(render('$context.requestId $context.authorizer.claims.sub $stageVariables.env', '{}', { stageVariables: { env: 'prod' } })).toBe('r-1 u prod');
  });
});

describe('JSONPath', () => {
  test('children, indexes (negative from the end), wildcards and deep scan', () => {
    const doc = { a: { b: [1, 2, 3], c: { d: 'x' } }, e: [{ f: 1 }, { f: 2 }] };
    expect(jsonPath(doc, '$.a.b[-1]')).toBe(3);
    expect(jsonPath(doc, "$['a']['c'].d")).toBe('x');
    expect(jsonPath(doc, '$.e[*].f')).toEqual([1, 2]);
    expect(jsonPath(doc, '$..f')).toEqual([1, 2]);
    expect(() => jsonPath(doc, '$.e[?(@.f>1)]')).toThrow(/not simulated/);
  });
});
