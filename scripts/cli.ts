import { parseArgs, type ParseArgsConfig } from 'node:util';

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

type CliOptions = NonNullable<ParseArgsConfig['options']>;
type CliParsed<T extends CliOptions> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T }>>;

/**
 * The arguments of a CLI, or the exit code it ends with here: 2 with the parser's message and the
 * usage for a bad option, 0 after printing the usage for --help/-h (added to every CLI's options).
 */
export function parseCli<const T extends CliOptions>(argv: string[], io: CliIo, options: T, usage: string): CliParsed<T> | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return parsed as unknown as CliParsed<T>;
}
