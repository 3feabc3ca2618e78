import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * Makes synthesized templates stable for snapshot tests: asset hashes, bootstrap versions and other values that
 * change when unrelated code changes are replaced with fixed placeholders, so a snapshot only moves when the
 * architecture does.
 */
export class StableSnapshot {
  /** Synthesizes the stack and returns its normalised template. */
  public static of(stack: Stack): any {
    return StableSnapshot.normalize(Template.fromStack(stack).toJSON());
  }

  /** Normalises an already synthesized template (a plain object). */
  public static normalize(template: any): any {
    return normalizeValue(JSON.parse(JSON.stringify(template)));
  }

  private constructor() {}
}

const ASSET_HASH = /[0-9a-f]{64}/g; // asset content hashes (S3 keys, image tags)
const ASSET_PARAM = /^AssetParameters[0-9a-f]{64}.*$/;

function normalizeValue(value: any): any {
  if (typeof value === 'string') return value.replace(ASSET_HASH, '<asset-hash>');
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (value && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (ASSET_PARAM.test(key)) continue;
      // The CDK version string and bootstrap-version rule change with every aws-cdk-lib upgrade.
      if (key === 'BootstrapVersion' || key === 'CheckBootstrapVersion') continue;
      if (key === 'aws:asset:path' || key === 'aws:asset:property' || key === 'aws:cdk:path') continue;
      out[key] = normalizeValue(inner);
    }
    return out;
  }
  return value;
}
