import { Simulator } from '../../src/sim';
import { MAP_OF_PASSES } from './stepfunctions';
async function main() {
  const items = JSON.stringify(Array.from({ length: 10000 }, (_, i) => ({ id: i })));
  for (let r = 0; r < 8; r++) {
    const sim = Simulator.fromTemplate({ Resources: { Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: JSON.stringify(MAP_OF_PASSES) } } } }, { trace: false });
    (global as any).gc?.();
    const m0 = process.memoryUsage().heapUsed;
    const t = process.hrtime.bigint();
    const d = await sim.stateMachine('Machine').run({ input: items });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const m1 = process.memoryUsage().heapUsed;
    (global as any).gc?.();
    const m2 = process.memoryUsage().heapUsed;
    console.log(d.status, ms.toFixed(0), 'ms', ((m1 - m0) / 1e6).toFixed(1), 'MB allocated-ish', ((m2 - m0) / 1e6).toFixed(1), 'MB retained');
  }
}
main();
