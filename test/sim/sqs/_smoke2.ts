import { fakeContext, resource } from '../fixtures';
import { SqsService } from '../../../src/sim/sqs';
(async () => {
  for (const traceEnabled of [true, false]) {
  const ctx = fakeContext({ traceEnabled });
  const sqs = new SqsService(ctx);
  sqs.create(resource('AWS::SQS::Queue', 'Q', {}));
  sqs.link();
  const q = sqs.handle('Q');
  const N = 20000;
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 10) {
    const Entries = [];
    for (let j = 0; j < 10; j++) Entries.push({ Id: `m${j}`, MessageBody: `message ${i + j}` });
    await q.sendMessageBatch({ Entries });
  }
  console.log('send', Number(process.hrtime.bigint() - t0) / 1e6);
  t0 = process.hrtime.bigint();
  const handles: string[] = [];
  for (;;) {
    const r = await q.receiveMessage({ MaxNumberOfMessages: 10 });
    if (!r.Messages) break;
    for (const m of r.Messages) handles.push(m.ReceiptHandle);
  }
  console.log('recv', Number(process.hrtime.bigint() - t0) / 1e6, handles.length);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < handles.length; i += 10) {
    await q.deleteMessageBatch({ Entries: handles.slice(i, i + 10).map((h, k) => ({ Id: `d${k}`, ReceiptHandle: h })) });
  }
  console.log('del', Number(process.hrtime.bigint() - t0) / 1e6);
  }
})();
