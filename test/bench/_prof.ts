import { Simulator } from '../../src/sim';
import { MAP_OF_PASSES } from './stepfunctions';
async function main() {
  for (let r = 0; r < 5; r++) {
    const sim = Simulator.fromTemplate({ Resources: { Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: JSON.stringify(MAP_OF_PASSES) } } } }, { trace: false });
    const items = Array.from({ length: 10000 }, (_, i) => ({ id: i }));
    const t = Date.now();
    const d = await sim.stateMachine('Machine').run({ input: JSON.stringify(items) });
    console.log(d.status, Date.now() - t);
  }
}
main();
