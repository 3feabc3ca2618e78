import { Simulator } from '../../src/sim';
import { TEN_STATES } from './stepfunctions';
async function main() {
  for (let r = 0; r < 6; r++) {
    const sim = Simulator.fromTemplate({ Resources: {
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'Bench', RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: JSON.stringify(TEN_STATES) } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'bench', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Handler: 'index.handler', Runtime: 'nodejs20.x' } },
    } }, { trace: false });
    sim.lambda('Fn').handle(async (e: any) => ({ ok: true, total: e.order?.total ?? 0 }));
    const sm = sim.stateMachine('Machine');
    const t = Date.now();
    for (let i = 0; i < 2000; i++) await sm.startExecution({ input: '{"order":{"id":"o-1","total":120}}' });
    const t1 = Date.now();
    const res = await sim.runUntilIdle();
    console.log(t1 - t, Date.now() - t1, res.tasksRun);
  }
}
main();
