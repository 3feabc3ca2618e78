/**
 * One bucket's objects, kept in key order (S3 lists keys in UTF-8 binary order, which is code point order), and
 * ListObjectsV2 over them: Prefix, Delimiter (CommonPrefixes), MaxKeys (keys and common prefixes both count),
 * StartAfter and opaque continuation tokens.
 */
import { AwsError } from '../kernel';

export interface StoredObject {
  readonly key: string;
  readonly body: Buffer;
  /** Quoted MD5 hex, as the ETag header has it. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ListPage {
  readonly contents: StoredObject[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly nextToken?: string;
}

export class ObjectStore {
  /** The position from which a listing continues after `token` (the last key or common prefix returned). */
  public static decodeToken(token: string): string {
    let decoded: string;
    try {
      decoded = Buffer.from(token, 'base64').toString('utf8');
    } catch {
      decoded = '';
    }
    if (!decoded.startsWith(TOKEN_MARK)) throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect');
    return decoded.slice(TOKEN_MARK.length);
  }

  private readonly objects = new Map<string, StoredObject>();
  /** Keys in code point order; maintained on insert and delete. */
  private readonly keys: string[] = [];

  public get size(): number {
    return this.objects.size;
  }

  public get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  public put(object: StoredObject): void {
    if (!this.objects.has(object.key)) this.keys.splice(this.lowerBound(object.key), 0, object.key);
    this.objects.set(object.key, object);
  }

  public delete(key: string): boolean {
    if (!this.objects.delete(key)) return false;
    this.keys.splice(this.lowerBound(key), 1);
    return true;
  }

  /**
   * One page of keys under `prefix`, after `after` (StartAfter or the position a continuation token holds). When the
   * position is a common prefix returned on the previous page, the keys inside it are skipped too.
   */
  public list(options: { prefix: string; delimiter?: string; maxKeys: number; after?: string; afterIsToken?: boolean }): ListPage {
    const { prefix, delimiter, maxKeys } = options;
    const contents: StoredObject[] = [];
    const commonPrefixes: string[] = [];
    let i = this.lowerBound(prefix);
    if (options.after !== undefined && compareKeys(options.after, prefix) >= 0) i = this.upperBound(options.after);
    let last: string | undefined = options.afterIsToken ? options.after : undefined;
    for (; i < this.keys.length; i++) {
      const key = this.keys[i];
      if (!key.startsWith(prefix)) break;
      let entry: string = key;
      let isPrefix = false;
      if (delimiter) {
        const d = key.indexOf(delimiter, prefix.length);
        if (d >= 0) {
          entry = key.slice(0, d + delimiter.length);
          isPrefix = true;
          if (entry === last) continue; // inside a common prefix already listed
        }
      }
      if (contents.length + commonPrefixes.length >= maxKeys) {
        return { contents, commonPrefixes, isTruncated: true, nextToken: last !== undefined ? encodeToken(last) : undefined };
      }
      if (isPrefix) commonPrefixes.push(entry);
      else contents.push(this.objects.get(key)!);
      last = entry;
    }
    return { contents, commonPrefixes, isTruncated: false };
  }

  /** The first index whose key is >= `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (compareKeys(this.keys[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index whose key is > `key`. */
  private upperBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (compareKeys(this.keys[mid], key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const TOKEN_MARK = 'sim-s3:';

function encodeToken(lastEntry: string): string {
  return Buffer.from(TOKEN_MARK + lastEntry, 'utf8').toString('base64');
}

/** UTF-8 byte order, which is code point order (UTF-16 code unit order differs for surrogates vs U+E000..U+FFFF). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x - y;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}
