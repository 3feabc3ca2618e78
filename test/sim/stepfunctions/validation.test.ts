import { simulate } from './helpers';

function loadError(definition: object, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): { name: string; message: string } {
  try {
    simulate(definition, { type });
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error('the definition loaded');
}

const pass = (more: object = {}) => ({ Type: 'Pass', End: true, ...more });

describe('Definition validation when the template loads (InvalidDefinition, CreateStateMachine codes)', () => {
  test('a missing Next target is MISSING_TRANSITION_TARGET with the JSON pointer of the field', () => {
    const e = loadError({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
    expect(e.name).toBe('InvalidDefinition');
    expect(e.message).toContain("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next");
  });

  test('a state no transition reaches is reported', () => {
    expect(loadError({ StartAt: 'A', States: { A: pass(), B: pass() } }).message).toContain('State "B" is not reachable at /States/B');
  });

  test('StartAt must name a state; a block needs a terminal state', () => {
    expect(loadError({ StartAt: 'X', States: { A: pass() } }).message).toContain("Missing 'StartAt' target: X");
    expect(loadError({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } }).message).toContain('MISSING_END_STATE');
  });

  test('Next and End exclude each other; Pass, Task, Wait, Parallel and Map need one of them', () => {
    expect(loadError({ StartAt: 'A', States: { A: { Type: 'Pass', End: true, Next: 'A' } } }).message).toContain('These fields cannot be specified together: [Next, End]');
    expect(loadError({ StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1 }, B: { Type: 'Succeed' } } }).message).toContain('These fields are required: [Next, End]');
  });

  test('Succeed, Fail and Choice have no Next or End', () => {
    expect(loadError({ StartAt: 'A', States: { A: { Type: 'Succeed', End: true } } }).message).toMatch(/not supported by Step Functions at \/States\/A|cannot have Next or End/);
  });

  test('unknown fields and unknown state types are SCHEMA_VALIDATION_FAILED', () => {
    expect(loadError({ StartAt: 'A', States: { A: pass({ Bogus: 1 }) } }).message).toContain('SCHEMA_VALIDATION_FAILED: The field "Bogus" is not supported by Step Functions at /States/A');
    expect(loadError({ StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } }).message).toContain("The value of the field 'Type' must be one of");
  });

  test('JSONata fields in JSONPath states and JSONPath fields in JSONata states are rejected', () => {
    expect(loadError({ StartAt: 'A', States: { A: pass({ Output: '{% 1 %}' }) } }).message).toContain('The field "Output" is not supported for JSONPath states');
    expect(loadError({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ InputPath: '$.a' }) } }).message).toContain('The field "InputPath" is not supported for JSONata states');
    expect(loadError({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ Output: { 'x.$': '$.a' } }) } }).message).toContain('ends in ".$"');
  });

  test('a JSONPath state in a JSONata state machine is rejected', () => {
    expect(loadError({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ QueryLanguage: 'JSONPath' }) } }).message).toContain('cannot use JSONPath');
  });

  test('an invalid JSONata expression, path or intrinsic is rejected at load', () => {
    expect(loadError({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ Output: '{% $states.input.( %}' }) } }).message).toContain('is not valid');
    expect(loadError({ StartAt: 'A', States: { A: pass({ InputPath: 'a.b' }) } }).message).toContain("'InputPath' is not a valid JSONPath");
    expect(loadError({ StartAt: 'A', States: { A: pass({ ResultPath: '$.a[*]' }) } }).message).toContain('not a valid Reference Path');
    expect(loadError({ StartAt: 'A', States: { A: pass({ Parameters: { 'x.$': 'States.Nope(1)' } }) } }).message).toContain('unknown intrinsic function States.Nope');
  });

  test('state names longer than 80 characters are rejected', () => {
    const name = 'N'.repeat(81);
    expect(loadError({ StartAt: name, States: { [name]: pass() } }).message).toContain('State names must be 1 to 80 characters long');
  });

  test('reserved and malformed variable names are rejected', () => {
    expect(loadError({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass({ Assign: { states: 1 } }) } }).message).toContain("The variable name 'states' is reserved");
    expect(loadError({ StartAt: 'A', States: { A: pass({ Assign: { '1x': 1 } }) } }).message).toContain("The variable name '1x' is not valid");
  });

  test('States.ALL must be alone and last in Retry and Catch', () => {
    const task = (retry: object[]) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: retry, End: true } } });
    expect(loadError(task([{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }])).message).toContain('States.ALL must appear alone');
    expect(loadError(task([{ ErrorEquals: ['States.ALL', 'X'] }])).message).toContain('States.ALL must appear alone');
    expect(loadError(task([{ ErrorEquals: ['X'], BackoffRate: 0.5 }])).message).toContain('BackoffRate must be a number greater than or equal to 1.0');
  });

  test('Choice Rules need a Variable and exactly one operator; Choice needs Choices', () => {
    expect(loadError({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', Next: 'E' }] }, E: { Type: 'Succeed' } } }).message)
      .toContain('exactly one comparison operator');
    expect(loadError({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [] } } }).message).toContain('These fields are required: [Choices]');
  });

  test('distributed-only Map fields in an inline Map are rejected', () => {
    expect(loadError({ StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true } } }).message)
      .toContain('supported only by a Map state in DISTRIBUTED mode');
  });

  test('errors inside Parallel branches and Map processors carry their pointer', () => {
    const e = loadError({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Y' } } }], End: true } } });
    expect(e.message).toContain("Missing 'Next' target: Y at /States/P/Branches/0/States/X/Next");
  });

  test('EXPRESS state machines reject .sync and .waitForTaskToken', () => {
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: {}, End: true } } };
    expect(loadError(def, 'EXPRESS').message).toContain("Express state machines do not support the '.sync' service integration pattern");
    expect(() => simulate(def)).not.toThrow();
  });

  test('DefinitionString that is not JSON is INVALID_JSON_DESCRIPTION', () => {
    const { Simulator } = jest.requireActual('../../../src/sim');
    expect(() => Simulator.fromTemplate({ Resources: { M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: '{', RoleArn: 'r' } } } }))
      .toThrow(/INVALID_JSON_DESCRIPTION/);
  });

  test('DefinitionSubstitutions are replaced before validation', () => {
    const sim = simulate({ StartAt: 'A', States: { A: pass() } });
    expect(sim).toBeDefined();
    const { Simulator } = jest.requireActual('../../../src/sim');
    const s = Simulator.fromTemplate({
      Resources: {
        M: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: 'arn:aws:iam::123456789012:role/r',
            DefinitionString: '{"StartAt":"${start}","States":{"A":{"Type":"Pass","End":true}}}',
            DefinitionSubstitutions: { start: 'A' },
          },
        },
      },
    });
    expect(s.stateMachine('M').stateMachineArn).toMatch(/stateMachine:/);
  });
});
