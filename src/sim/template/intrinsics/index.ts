import { IntrinsicFunction } from '../context';
import { and } from './and';
import { base64 } from './base64';
import { equals } from './equals';
import { findInMap } from './find-in-map';
import { getAtt } from './get-att';
import { getAzs } from './get-azs';
import { fnIf } from './if';
import { importValue } from './import-value';
import { join } from './join';
import { not } from './not';
import { or } from './or';
import { ref } from './ref';
import { select } from './select';
import { split } from './split';
import { sub } from './sub';

/** The intrinsic functions the loader evaluates, by their template key. */
export const INTRINSICS: Readonly<Record<string, IntrinsicFunction>> = {
  'Ref': ref,
  'Fn::GetAtt': getAtt,
  'Fn::Join': join,
  'Fn::Sub': sub,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': fnIf,
  'Fn::GetAZs': getAzs,
  'Fn::Base64': base64,
  'Fn::ImportValue': importValue,
  'Fn::FindInMap': findInMap,
  'Fn::Equals': equals,
  'Fn::And': and,
  'Fn::Or': or,
  'Fn::Not': not,
};
