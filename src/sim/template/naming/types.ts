import { SeededIds } from '../../kernel';
import { SimEnvironment } from '../../runtime';

export interface NamingInput {
  readonly logicalId: string;
  readonly type: string;
  /** Resolved properties. */
  readonly properties: Readonly<Record<string, any>>;
  readonly env: SimEnvironment;
  /** Source of generated-name suffixes and service-assigned ids. */
  readonly ids: SeededIds;
}

/** What `Ref` and `Fn::GetAtt` return for one resource. */
export interface ResourceIdentity {
  readonly ref: string;
  readonly attributes: Record<string, string>;
}

/** Forms a resource type's physical name, Ref value and attributes the way AWS does. */
export type Namer = (input: NamingInput) => ResourceIdentity;
