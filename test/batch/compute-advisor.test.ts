import { Duration, Size } from 'aws-cdk-lib';
import { BatchComputeType, ComputeAdvisor, RecommendedService } from '../../src/batch';

describe('ComputeAdvisor.recommend: Lambda or Batch', () => {
  test('a short, small job goes to Lambda, with Fargate named as its Batch fallback', () => {
    const advice = ComputeAdvisor.recommend({ vcpus: 1, memory: Size.gibibytes(2), expectedDuration: Duration.minutes(5) });
    expect(advice.service).toBe(RecommendedService.LAMBDA);
    expect(advice.computeType).toBe(BatchComputeType.FARGATE);
    expect(advice.lambdaBlockers).toEqual([]);
    expect(advice.reasons[0]).toMatch(/^Lambda, because a 300-second run/);
  });

  test('a run longer than 15 minutes goes to Batch because of the Lambda time limit', () => {
    const advice = ComputeAdvisor.recommend({ expectedDuration: Duration.minutes(16) });
    expect(advice.service).toBe(RecommendedService.BATCH);
    expect(advice.lambdaBlockers).toEqual([expect.stringMatching(/960 seconds.*15 minutes/)]);
    expect(advice.reasons[0]).toMatch(/^Batch, because a run takes 960 seconds/);
  });

  test('exactly 15 minutes is within the limit but leaves no headroom, so Batch is recommended without a blocker', () => {
    const advice = ComputeAdvisor.recommend({ expectedDuration: Duration.minutes(15) });
    expect(advice.lambdaBlockers).toEqual([]);
    expect(advice.service).toBe(RecommendedService.BATCH);
    expect(advice.reasons[0]).toMatch(/less than 20% headroom/);
  });

  test('12 minutes (80% of the limit) still goes to Lambda', () => {
    expect(ComputeAdvisor.recommend({ expectedDuration: Duration.minutes(12) }).service).toBe(RecommendedService.LAMBDA);
  });

  test('an unstated duration goes to Batch, saying why', () => {
    const advice = ComputeAdvisor.recommend({});
    expect(advice.service).toBe(RecommendedService.BATCH);
    expect(advice.reasons[0]).toMatch(/expected duration is not stated/);
  });

  test.each([
    ['memory over 10,240 MB', { memory: Size.mebibytes(10241) }, /10241 MiB of memory and Lambda offers at most 10,240 MB/],
    ['more than 6 vCPU', { vcpus: 8, memory: Size.gibibytes(8) }, /8 vCPU and Lambda allocates at most 6 vCPU/],
    ['a GPU', { gpus: 1 }, /1 GPU\(s\) and Lambda has none/],
    ['scratch space over /tmp', { scratchSpace: Size.gibibytes(20) }, /20480 MiB of scratch disk and Lambda's \/tmp holds at most 10,240 MB/],
    ['a custom runtime', { needsCustomRuntime: true }, /runtime Lambda does not offer/],
  ])('%s rules Lambda out', (_name, requirements, blocker) => {
    const advice = ComputeAdvisor.recommend({ expectedDuration: Duration.minutes(1), ...requirements });
    expect(advice.service).toBe(RecommendedService.BATCH);
    expect(advice.lambdaBlockers).toEqual([expect.stringMatching(blocker)]);
  });

  test('10,240 MB of memory and 10,240 MB of scratch space still fit Lambda', () => {
    const advice = ComputeAdvisor.recommend({
      memory: Size.mebibytes(10240), scratchSpace: Size.mebibytes(10240), expectedDuration: Duration.minutes(1),
    });
    expect(advice.lambdaBlockers).toEqual([]);
    expect(advice.service).toBe(RecommendedService.LAMBDA);
  });
});

describe('ComputeAdvisor.recommend: Fargate or EC2', () => {
  test('Fargate by default, with the smallest Fargate size that fits', () => {
    const advice = ComputeAdvisor.recommend({ vcpus: 3, memory: Size.gibibytes(5), expectedDuration: Duration.hours(2) });
    expect(advice.service).toBe(RecommendedService.BATCH);
    expect(advice.computeType).toBe(BatchComputeType.FARGATE);
    expect(advice.fargateBlockers).toEqual([]);
    expect(advice.fargateVcpus).toBe(4);
    expect(advice.fargateMemoryMiB).toBe(8192);
  });

  test.each([
    ['GPUs', { gpus: 1 }, /1 GPU\(s\) and Fargate offers no GPUs/],
    ['more than 16 vCPU', { vcpus: 17, memory: Size.gibibytes(64) }, /17 vCPU and Fargate offers at most 16 vCPU/],
    ['more than 120 GiB', { vcpus: 16, memory: Size.gibibytes(121) }, /123904 MiB of memory and Fargate offers at most 120 GiB/],
    ['more than 200 GiB of scratch disk', { scratchSpace: Size.gibibytes(201) }, /Fargate ephemeral storage holds at most 200 GiB/],
    ['an Elastic Fabric Adapter', { needsElasticFabricAdapter: true }, /Elastic Fabric Adapter, which only EC2 offers/],
    ['a custom AMI', { needsCustomAmi: true }, /custom AMI, which only EC2 runs/],
    ['Linux parameters', { needsLinuxParameters: true }, /Linux parameters, which only EC2 exposes/],
  ])('%s move the job to EC2, naming the Fargate limit', (_name, requirements, blocker) => {
    const advice = ComputeAdvisor.recommend({ expectedDuration: Duration.hours(1), ...requirements });
    expect(advice.computeType).toBe(BatchComputeType.EC2);
    expect(advice.fargateBlockers).toEqual([expect.stringMatching(blocker)]);
    expect(advice.reasons).toContainEqual(expect.stringMatching(/^Batch compute: EC2, because/));
    expect(advice.fargateVcpus).toBeUndefined();
  });

  test('16 vCPU and 120 GiB is the largest job Fargate takes', () => {
    const advice = ComputeAdvisor.recommend({ vcpus: 16, memory: Size.gibibytes(120) });
    expect(advice.fargateBlockers).toEqual([]);
    expect(advice.fargateVcpus).toBe(16);
    expect(advice.fargateMemoryMiB).toBe(122880);
  });

  test('an interruptible job gets Spot capacity: Fargate Spot, or EC2 Spot when Fargate is ruled out', () => {
    expect(ComputeAdvisor.recommend({ interruptible: true }).computeType).toBe(BatchComputeType.FARGATE_SPOT);
    const gpu = ComputeAdvisor.recommend({ interruptible: true, gpus: 2 });
    expect(gpu.computeType).toBe(BatchComputeType.EC2_SPOT);
    expect(gpu.reasons).toContainEqual(expect.stringMatching(/Spot capacity/));
  });

  test('every blocker is listed, not only the first', () => {
    const advice = ComputeAdvisor.recommend({ gpus: 4, vcpus: 32, memory: Size.gibibytes(256) });
    expect(advice.fargateBlockers).toHaveLength(3);
  });

  test('rejects a job with no vCPU and a fractional GPU count', () => {
    expect(() => ComputeAdvisor.recommend({ vcpus: 0 })).toThrow(/ComputeAdvisor: invalid vcpus \(0\).*greater than 0/);
    expect(() => ComputeAdvisor.recommend({ gpus: 0.5 })).toThrow(/ComputeAdvisor: invalid gpus \(0.5\).*whole number/);
  });
});

describe('ComputeAdvisor Fargate sizes (the AWS Batch / Fargate task size table)', () => {
  test.each([
    [0.25, [512, 1024, 2048]],
    [0.5, [1024, 2048, 3072, 4096]],
    [1, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  ])('%s vCPU offers exactly %j MiB', (vcpus, memory) => {
    expect(ComputeAdvisor.fargateMemoryOptionsMiB(vcpus)).toEqual(memory);
  });

  test.each([
    [2, 4096, 16384, 1024],
    [4, 8192, 30720, 1024],
    [8, 16384, 61440, 4096],
    [16, 32768, 122880, 8192],
  ])('%s vCPU offers %s to %s MiB in %s MiB steps', (vcpus, min, max, step) => {
    const options = ComputeAdvisor.fargateMemoryOptionsMiB(vcpus);
    expect(options[0]).toBe(min);
    expect(options[options.length - 1]).toBe(max);
    expect(options.every((m, i) => i === 0 || m - options[i - 1] === step)).toBe(true);
  });

  test('other vCPU values offer nothing, and isFargateSize checks the pair', () => {
    expect(ComputeAdvisor.fargateMemoryOptionsMiB(3)).toEqual([]);
    expect(ComputeAdvisor.isFargateSize(0.25, 1536)).toBe(false);
    expect(ComputeAdvisor.isFargateSize(8, 20480)).toBe(true);
    expect(ComputeAdvisor.isFargateSize(8, 18432)).toBe(false);
  });
});
