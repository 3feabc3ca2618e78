/**
 * Definition errors as CreateStateMachine reports them: `InvalidDefinition` with
 * `Invalid State Machine Definition: '<CODE>: <message> at <JSON pointer>'`, several joined by ", ".
 */
export interface DefinitionProblem {
  readonly code: 'SCHEMA_VALIDATION_FAILED' | 'MISSING_TRANSITION_TARGET' | 'MISSING_END_STATE' | 'INVALID_JSON_DESCRIPTION' | 'DUPLICATE_STATE_NAME';
  readonly message: string;
  readonly at: string;
}

export function definitionMessage(problems: readonly DefinitionProblem[]): string {
  return `Invalid State Machine Definition: '${problems.map(p => `${p.code}: ${p.message} at ${p.at}`).join(', ')}'`;
}
