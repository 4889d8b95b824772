/**
 * What a command-line tool meets besides its files: its working directory and where its lines go.
 * Each CLI exports `main(argv, io)` and returns its exit code, so tests call it in-process with
 * argv and capture the lines; `node scripts/….ts` runs it with `processIo()` through `runMain()`.
 */
export interface CliIo {
  /** The working directory that relative paths in argv are read against. */
  cwd: string;
  /** One line (or several, joined with \n) for stdout, without its final newline. */
  out: (text: string) => void;
  /** The same for stderr. */
  err: (text: string) => void;
}

/** The real process's working directory, stdout and stderr. */
export function processIo(): CliIo {
  return { cwd: process.cwd(), out: (text) => console.log(text), err: (text) => console.error(text) };
}

/** `node script.ts …`: runs `main` on the process's arguments and sets the exit code it returns. */
export async function runMain(main: (argv: string[], io: CliIo) => number | Promise<number>): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}
