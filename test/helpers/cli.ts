/**
 * Runs a CLI's exported `main(argv, io)` in-process (scripts/cli.ts), with what it writes
 * captured: no Node start-up, no module loading per call. Keep one child-process run per CLI
 * for what only the real process shows (its exit code, signals, locks).
 */
import type { CliIo } from '../../scripts/cli.ts';
import { PROJECT_ROOT } from './build.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(main: (argv: string[], io: CliIo) => number | Promise<number>, argv: string[], options: { cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd ?? PROJECT_ROOT,
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}
