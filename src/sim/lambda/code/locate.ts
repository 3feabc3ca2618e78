/**
 * Where a function's code is: the template's `Code.ZipFile` (inline source, which Lambda writes to `index.js` /
 * `index.py`), or an asset of the cloud assembly the template came from (`Code.S3Key` is `<hash>.zip`, and the stack's
 * `<stack>.assets.json` says which directory of the assembly that zip is built from). Anything else (a bucket of the
 * user's own, an image, a template loaded without its assembly) cannot run: the reason says why.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TemplateResource } from '../../runtime';

export type CodeLocation =
  | { readonly kind: 'inline'; readonly source: string }
  | { readonly kind: 'directory'; readonly dir: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** What the runtime needs to start the function's code. */
export interface FunctionCode {
  readonly location: CodeLocation;
  /** `nodejs24.x`, `python3.13`, ... (undefined for container images). */
  readonly runtime?: string;
  /** The handler setting (`index.handler`, `src/app.handler`). */
  readonly handler?: string;
}

/** The asset directories of the assemblies the templates came from, by the S3 object key their zip is uploaded to. */
export class AssetIndex {
  private byObjectKey?: Map<string, { readonly dir?: string; readonly reason?: string }>;

  constructor(private readonly assemblyDirs: readonly string[]) {}

  /** The directory the zip `objectKey` is built from, or why there is none. */
  public lookup(objectKey: string): { readonly dir?: string; readonly reason?: string } | undefined {
    this.byObjectKey ??= this.scan();
    return this.byObjectKey.get(objectKey);
  }

  private scan(): Map<string, { dir?: string; reason?: string }> {
    const found = new Map<string, { dir?: string; reason?: string }>();
    for (const dir of this.assemblyDirs) {
      let names: string[];
      try {
        names = fs.readdirSync(dir).filter(n => n.endsWith('.assets.json'));
      } catch {
        continue;
      }
      for (const name of names) {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
        for (const [hash, asset] of Object.entries<any>(manifest.files ?? {})) {
          const source = asset?.source ?? {};
          const entry = source.packaging === 'zip' && typeof source.path === 'string'
            ? { dir: path.resolve(dir, source.path) }
            : { reason: `asset ${hash} is a ${source.packaging ?? 'file'} asset (${source.path ?? source.executable?.join(' ') ?? '?'}), not a directory the simulator can load` };
          for (const destination of Object.values<any>(asset?.destinations ?? {})) {
            if (typeof destination?.objectKey === 'string') found.set(destination.objectKey, entry);
          }
          found.set(`${hash}.zip`, entry);
        }
      }
    }
    return found;
  }
}

/** Where the code of the AWS::Lambda::Function `r` is. */
export function locateCode(r: TemplateResource, assets: AssetIndex): FunctionCode {
  const p = r.properties;
  const runtime = typeof p.Runtime === 'string' ? p.Runtime : undefined;
  const handler = typeof p.Handler === 'string' ? p.Handler : undefined;
  const code = p.Code ?? {};
  if (p.PackageType === 'Image' || code.ImageUri !== undefined) {
    return { runtime, handler, location: { kind: 'unavailable', reason: 'a container image function: images are not run by the simulator' } };
  }
  if (typeof code.ZipFile === 'string') return { runtime, handler, location: { kind: 'inline', source: code.ZipFile } };
  if (typeof code.S3Key === 'string') {
    const found = assets.lookup(code.S3Key);
    if (found?.dir !== undefined) return { runtime, handler, location: { kind: 'directory', dir: found.dir } };
    const reason = found?.reason ?? `its code is s3://${String(code.S3Bucket)}/${code.S3Key}, which is not an asset of the loaded cloud assembly`
      + ' (load the stack with Simulator.fromStack or fromAssembly so asset directories are found)';
    return { runtime, handler, location: { kind: 'unavailable', reason } };
  }
  return { runtime, handler, location: { kind: 'unavailable', reason: 'the function has no Code.ZipFile or Code.S3Key the simulator can read' } };
}
