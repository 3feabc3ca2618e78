import { Simulator, SimulatorOptions } from '../../../src/sim';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/MachineRole';

/** A template with one state machine `Machine` (plus `extra` resources). */
export function templateWith(definition: object, options: { type?: 'STANDARD' | 'EXPRESS'; extra?: Record<string, object>; name?: string } = {}): object {
  return {
    Resources: {
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: options.name ?? 'Machine',
          StateMachineType: options.type ?? 'STANDARD',
          RoleArn: ROLE_ARN,
          DefinitionString: JSON.stringify(definition),
        },
      },
      ...options.extra,
    },
  };
}

export function simulate(definition: object, options: { type?: 'STANDARD' | 'EXPRESS'; extra?: Record<string, object> } & SimulatorOptions = {}): Simulator {
  const { type, extra, ...rest } = options;
  return Simulator.fromTemplate(templateWith(definition, { type, extra }), rest);
}

/** Runs `definition` on `input` to its end; returns the description and the simulator. */
export async function run(definition: object, input: unknown = {}, options: Parameters<typeof simulate>[1] = {}) {
  const sim = simulate(definition, options);
  const result = await sim.stateMachine('Machine').run({ input: JSON.stringify(input) });
  return { sim, result, output: result.output !== undefined ? JSON.parse(result.output) : undefined };
}

export function lambdaFunction(name: string): object {
  return { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: ROLE_ARN, Timeout: 60 } };
}

export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
