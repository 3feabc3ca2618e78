/**
 * Which fields each state type allows, per query language (Amazon States Language specification and the
 * developer guide's "State fields" tables, JSONPath and JSONata variants).
 */
const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];
const TRANSITION = ['Next', 'End'];
const ERRORS = ['Retry', 'Catch'];
const ASSIGN = ['Assign'];

/** Fields allowed in JSONPath states. */
export const JSONPATH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pass: [...COMMON, ...JSONPATH_IO, ...TRANSITION, ...ASSIGN, 'Parameters', 'Result', 'ResultPath'],
  Task: [...COMMON, ...JSONPATH_IO, ...TRANSITION, ...ASSIGN, ...ERRORS, 'Resource', 'Parameters', 'ResultSelector', 'ResultPath',
    'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials'],
  Choice: [...COMMON, ...JSONPATH_IO, ...ASSIGN, 'Choices', 'Default'],
  Wait: [...COMMON, ...JSONPATH_IO, ...TRANSITION, ...ASSIGN, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Succeed: [...COMMON, ...JSONPATH_IO],
  Fail: [...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [...COMMON, ...JSONPATH_IO, ...TRANSITION, ...ASSIGN, ...ERRORS, 'Branches', 'Parameters', 'ResultSelector', 'ResultPath'],
  Map: [...COMMON, ...JSONPATH_IO, ...TRANSITION, ...ASSIGN, ...ERRORS, 'ItemProcessor', 'Iterator', 'ItemsPath', 'ItemSelector', 'Parameters',
    'ItemReader', 'ItemBatcher', 'ResultWriter', 'MaxConcurrency', 'MaxConcurrencyPath', 'ToleratedFailureCount', 'ToleratedFailureCountPath',
    'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'Label', 'ResultSelector', 'ResultPath'],
};

/** Fields allowed in JSONata states. */
export const JSONATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pass: [...COMMON, ...TRANSITION, ...ASSIGN, 'Output'],
  Task: [...COMMON, ...TRANSITION, ...ASSIGN, ...ERRORS, 'Resource', 'Arguments', 'Output', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials'],
  Choice: [...COMMON, ...ASSIGN, 'Choices', 'Default', 'Output'],
  Wait: [...COMMON, ...TRANSITION, ...ASSIGN, 'Seconds', 'Timestamp', 'Output'],
  Succeed: [...COMMON, 'Output'],
  Fail: [...COMMON, 'Error', 'Cause'],
  Parallel: [...COMMON, ...TRANSITION, ...ASSIGN, ...ERRORS, 'Branches', 'Arguments', 'Output'],
  Map: [...COMMON, ...TRANSITION, ...ASSIGN, ...ERRORS, 'ItemProcessor', 'Items', 'ItemSelector', 'ItemReader', 'ItemBatcher', 'ResultWriter',
    'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Label', 'Output'],
};

/** Fields only one of which a state may have. */
export const EXCLUSIVE: ReadonlyArray<readonly string[]> = [
  ['Next', 'End'],
  ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  ['TimeoutSeconds', 'TimeoutSecondsPath'],
  ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
  ['Error', 'ErrorPath'],
  ['Cause', 'CausePath'],
  ['ItemProcessor', 'Iterator'],
  ['ItemSelector', 'Parameters'],
  ['MaxConcurrency', 'MaxConcurrencyPath'],
  ['ToleratedFailureCount', 'ToleratedFailureCountPath'],
  ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
];
