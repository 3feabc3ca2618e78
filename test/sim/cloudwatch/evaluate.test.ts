import { AlarmState, Datapoint, evaluateAlarm, TreatMissingData } from '../../../src/sim/cloudwatch/evaluate';

/** `0` = not breaching, `X` = breaching, `-` = missing, oldest first (the notation of the CloudWatch user guide). */
function points(spec: string): Datapoint[] {
  return spec.split(' ').map((c, i) => ({ time: i * 60_000, value: c === '-' ? undefined : c === 'X' ? 10 : 0 }));
}

const config = (treatMissingData: TreatMissingData, n = 3, m = 3) => ({
  evaluationPeriods: n,
  datapointsToAlarm: m,
  threshold: 5,
  comparison: 'GreaterThanOrEqualToThreshold' as const,
  treatMissingData,
});

const state = (spec: string, treat: TreatMissingData, current: AlarmState = 'OK', n = 3, m = 3) => evaluateAlarm(points(spec), config(treat, n, m), current).state;

describe('missing data (CloudWatch user guide table: 3 of 3 datapoints, evaluation range of 5)', () => {
  test.each<[string, AlarmState, AlarmState | 'current', AlarmState, AlarmState]>([
    // datapoints      missing               ignore      breaching  notBreaching
    ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
    ['- - - - 0', 'OK', 'OK', 'OK', 'OK'],
    ['- - - - -', 'INSUFFICIENT_DATA', 'current', 'ALARM', 'OK'],
    ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - X - -', 'ALARM', 'ALARM', 'ALARM', 'OK'],
  ])('%s -> missing %s, ignore %s, breaching %s, notBreaching %s', (spec, missing, ignore, breaching, notBreaching) => {
    expect(state(spec, 'missing')).toBe(missing);
    expect(state(spec, 'ignore', 'INSUFFICIENT_DATA')).toBe(ignore === 'current' ? 'INSUFFICIENT_DATA' : ignore);
    expect(state(spec, 'ignore', 'ALARM')).toBe(ignore === 'current' ? 'ALARM' : ignore);
    expect(state(spec, 'breaching')).toBe(breaching);
    expect(state(spec, 'notBreaching')).toBe(notBreaching);
  });

  test('with enough real datapoints in the range, the most recent N real ones decide and TreatMissingData plays no part', () => {
    for (const treat of ['missing', 'ignore', 'breaching', 'notBreaching'] as const) {
      expect(state('X X 0 - -', treat)).toBe('OK');
      expect(state('X X X - -', treat)).toBe('ALARM');
    }
  });
});

describe('M out of N (DatapointsToAlarm)', () => {
  test('2 of 3: two breaching datapoints among the last three go to ALARM, one does not', () => {
    expect(state('0 0 X 0 X', 'missing', 'OK', 3, 2)).toBe('ALARM');
    expect(state('0 0 0 0 X', 'missing', 'OK', 3, 2)).toBe('OK');
    expect(state('X X 0 0 X', 'missing', 'OK', 3, 2)).toBe('OK');
  });

  test('the premature-alarm rule: the oldest breach at least M periods back with only breaches or gaps after it goes to ALARM', () => {
    expect(state('- - X - -', 'missing', 'OK', 3, 2)).toBe('ALARM');
    expect(state('- - - X -', 'missing', 'OK', 3, 2)).toBe('ALARM');
    expect(state('- - - - X', 'missing', 'OK', 3, 2)).toBe('OK');
    expect(state('- - X 0 -', 'missing', 'OK', 3, 2)).toBe('OK');
  });

  test('missing datapoints treated as breaching fill only the gaps needed to reach N', () => {
    expect(state('- - - X -', 'breaching', 'OK', 3, 3)).toBe('ALARM');
    expect(state('- - 0 X -', 'breaching', 'OK', 3, 3)).toBe('OK');
  });
});

test('each comparison operator compares the statistic (first operand) with the threshold', () => {
  const at = (value: number, comparison: any) => evaluateAlarm([{ time: 0, value }], { ...config('missing', 1, 1), comparison }, 'OK').state;
  expect([at(5, 'GreaterThanOrEqualToThreshold'), at(4, 'GreaterThanOrEqualToThreshold')]).toEqual(['ALARM', 'OK']);
  expect([at(6, 'GreaterThanThreshold'), at(5, 'GreaterThanThreshold')]).toEqual(['ALARM', 'OK']);
  expect([at(4, 'LessThanThreshold'), at(5, 'LessThanThreshold')]).toEqual(['ALARM', 'OK']);
  expect([at(5, 'LessThanOrEqualToThreshold'), at(6, 'LessThanOrEqualToThreshold')]).toEqual(['ALARM', 'OK']);
});
