/**
 * The access keys the simulator knows, each standing for a principal the test declared: `sim.clientConfig({ as })` and
 * `sim.credentialsFor(principalArn)` issue them, the signature verifier maps a request's key back to its principal.
 * Keys are derived from the principal ARN (a hash, not a random draw), so declaring a principal never shifts the
 * seeded ids of a run, and the same principal always gets the same keys. Roles get temporary credentials (an `ASIA`
 * key and a session token, as STS issues them); users and the account root get long-term `AKIA` keys.
 */
import { createHash } from 'crypto';
import { SimEnvironment } from '../../runtime';

/** Credentials in the shape SDK v3 clients and the AWS CLI take. */
export interface SimCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface KnownKey {
  readonly credentials: SimCredentials;
  /** The principal ARN the key was issued for. */
  readonly principal: string;
}

const PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):(iam::\d{12}:(root|user\/.+|role\/.+)|sts::\d{12}:assumed-role\/[^/]+\/.+)$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class CredentialStore {
  /** The account's root user: whom the default credentials stand for. */
  public readonly root: string;
  private readonly byKey = new Map<string, KnownKey>();
  private readonly byPrincipal = new Map<string, SimCredentials>();

  constructor(env: SimEnvironment) {
    this.root = `arn:${env.partition}:iam::${env.account}:root`;
    this.issue(this.root);
  }

  /** The credentials that sign as `principalArn` (an IAM user, role, assumed-role session or account root ARN). */
  public issue(principalArn: string): SimCredentials {
    const known = this.byPrincipal.get(principalArn);
    if (known) return known;
    if (typeof principalArn !== 'string' || !PRINCIPAL_ARN.test(principalArn)) {
      throw new Error(`credentials for '${String(principalArn)}': give an IAM principal ARN (arn:aws:iam::<account>:root, `
        + ':user/<name>, :role/<name>, or arn:aws:sts::<account>:assumed-role/<role>/<session>)');
    }
    const temporary = /:role\/|:assumed-role\//.test(principalArn);
    const digest = (label: string) => createHash('sha256').update(`${label}\u0000${principalArn}`).digest();
    const keyBytes = digest('access-key-id');
    let keyId = '';
    for (let i = 0; i < 16; i++) keyId += BASE32[keyBytes[i] % 32];
    const credentials: SimCredentials = {
      accessKeyId: (temporary ? 'ASIA' : 'AKIA') + keyId,
      secretAccessKey: digest('secret-access-key').toString('base64').slice(0, 40),
      sessionToken: temporary ? digest('session-token').toString('base64') + digest('session-token-2').toString('base64') : undefined,
    };
    this.byPrincipal.set(principalArn, credentials);
    this.byKey.set(credentials.accessKeyId, { credentials, principal: principalArn });
    return credentials;
  }

  /** The principal a key was issued for, or undefined for a key the simulator never issued. */
  public lookup(accessKeyId: string): KnownKey | undefined {
    return this.byKey.get(accessKeyId);
  }
}
