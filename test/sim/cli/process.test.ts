/** The command as a process (the package's bin), and the progress line of a long run. */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { CliIo } from '../../../src/sim/cli/io';
import { Progress } from '../../../src/sim/cli/print';

const ROOT = path.join(__dirname, '..', '..', '..');

test('as a process: bad input exits 2 with one line on stderr; output to a pipe has no colours', () => {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const main = path.join(ROOT, 'src', 'sim', 'cli', 'main.ts');
  const missing = spawnSync(tsx, [main, 'sim', 'no-such-dir'], { encoding: 'utf8' });
  expect(missing.status).toBe(2);
  expect(missing.stderr).toBe('cdk-decoupling-patterns: no-such-dir: no such file or directory\n');
  const help = spawnSync(tsx, [main, 'diagram', '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('--format <format>');
  expect(help.stdout).not.toContain('\u001b[');
}, 60_000);

describe('the progress line', () => {
  const captured = (interactive: boolean) => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: t => err.push(t), colour: false, interactive };
    return { io, err };
  };

  test('off a terminal: nothing in the first second, then a line at most every 5 seconds of wall time', () => {
    let wall = 1_000_000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wall);
    try {
      const { io, err } = captured(false);
      const start = Date.UTC(2024, 0, 1);
      const progress = new Progress(io, start);
      wall += 500;
      progress.update(start + 60_000, 10);
      wall += 1000;
      progress.update(start + 120_000, 2000);
      wall += 2000;
      progress.update(start + 180_000, 3000);
      wall += 4000;
      progress.update(start + 3_600_000, 48_211);
      progress.done();
      expect(err).toEqual([
        'running: +2m00s of virtual time, 2,000 events',
        'running: +1h00m of virtual time, 48,211 events',
      ]);
    } finally {
      now.mockRestore();
    }
  });
});
