import { generatedId } from './generated-name';
import { Namer } from './types';

/** A type without a known naming rule: Ref is a generated physical id; attributes are placeholders made on demand. */
export const genericResource: Namer = input => ({ ref: generatedId(input, 255), attributes: {} });
