import { FirehoseService, MAX_RECORD_BYTES } from '../../../src/sim/firehose';
import { AwsError } from '../../../src/sim/kernel';
import { fakeContext, resource } from '../fixtures';

const ARN = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/Archive';

function setup() {
  const ctx = fakeContext();
  const firehose = new FirehoseService(ctx);
  const stream = resource('AWS::KinesisFirehose::DeliveryStream', 'Archive', { DeliveryStreamName: 'Archive' });
  ctx.add(stream);
  firehose.create(stream);
  return { ctx, firehose };
}

describe('AWS::KinesisFirehose::DeliveryStream (recorded)', () => {
  test('records put by another service are kept in order with the caller and source', () => {
    const { ctx, firehose } = setup();
    const caller = { principalType: 'AWS' as const, principal: 'arn:aws:iam::123456789012:role/r', sourceArn: 'arn:aws:sns:us-east-1:123456789012:t', secureTransport: true };
    expect(firehose.putRecord(ARN, 'one', caller)).toEqual({ ok: true, messageId: expect.any(String) });
    firehose.putRecord(ARN, 'two', caller);
    const records = firehose.handle('Archive').records;
    expect(records.map(r => [r.data, r.principal, r.sourceArn])).toEqual([['one', caller.principal, caller.sourceArn], ['two', caller.principal, caller.sourceArn]]);
    expect(ctx.trace.summary()).toEqual(['firehose:Archive:record-received', 'firehose:Archive:record-received']);
  });

  test('an unknown delivery stream fails with ResourceNotFoundException', () => {
    const { firehose } = setup();
    const outcome = firehose.putRecord('arn:aws:firehose:us-east-1:123456789012:deliverystream/Nope', 'x', fakeContext().ownerIdentity);
    expect(outcome).toEqual({ ok: false, errorName: 'ResourceNotFoundException', errorMessage: 'Firehose Nope under account 123456789012 not found.' });
  });

  test('a record is at most 1,000 KiB (Firehose quotas)', async () => {
    const { firehose } = setup();
    const handle = firehose.handle('Archive');
    await expect(handle.putRecord({ Record: { Data: 'x'.repeat(MAX_RECORD_BYTES) } })).resolves.toMatchObject({ Encrypted: false });
    await expect(handle.putRecord({ Record: { Data: 'x'.repeat(MAX_RECORD_BYTES + 1) } })).rejects.toBeInstanceOf(AwsError);
  });

  test('PutRecord through the handle takes the SDK v3 shape with Data as bytes', async () => {
    const { firehose } = setup();
    const handle = firehose.handle('Archive');
    const out = await handle.putRecord({ Record: { Data: new TextEncoder().encode('{"a":1}') } });
    expect(out.RecordId).toEqual(expect.any(String));
    expect(handle.records.map(r => r.data)).toEqual(['{"a":1}']);
    expect([handle.deliveryStreamName, handle.deliveryStreamArn]).toEqual(['Archive', ARN]);
  });
});
