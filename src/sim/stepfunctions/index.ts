export { StepFunctionsService } from './stepfunctions-service';
export { StateMachineHandle, StepFunctionsApi } from './handle';
export type {
  DescribeExecutionOutput, StartExecutionInput, StartExecutionOutput, StartSyncExecutionOutput, ExecutionListItem,
} from './handle';
export type { HistoryEvent } from './execution/history';
