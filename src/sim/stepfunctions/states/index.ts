/** The eight state types of the Amazon States Language, by `Type`. */
import { runChoice } from './choice';
import { runFail } from './fail';
import { runMap } from './map';
import { runParallel } from './parallel';
import { runPass } from './pass';
import { runSucceed } from './succeed';
import { runTask } from './task';
import { StateBehaviour } from './types';
import { runWait } from './wait';

export const STATE_TYPES: Readonly<Record<string, StateBehaviour>> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};
