/**
 * What every command-line tool shares: `--help` and wrong arguments print the usage (exit 0 / 2),
 * and an obstacle the user can act on (a busy database, a missing engine) is one clear line.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Errors whose message alone tells the user what to do; no stack trace. */
const explained = new Set([
  "DatabaseBusyError",
  "RealInstallError",
  "EmbeddedSearchError",
  "RebuildRunningError",
  "UsageError",
]);

class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Parses argv against `options`; prints `usage` and exits on `--help` (0), an unknown option,
 * a missing value or a wrong number of positionals (2).
 */
export function parseCommandLine<O extends Options>(
  usage: string,
  options: O,
  positionals: { min: number; max: number } = { min: 0, max: 0 },
) {
  try {
    const parsed = parseArgs({
      args: process.argv.slice(2),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: positionals.max > 0,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    const count = parsed.positionals.length;
    if (count < positionals.min || count > positionals.max) {
      throw new UsageError(count < positionals.min ? "missing argument" : "too many arguments");
    }
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

/** Runs a tool's main function; sets the exit code from its result or its error. */
export async function runTool(main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    process.exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && explained.has(error.name)) {
      console.error(`Error: ${message}`);
    } else if (/database is locked|SQLITE_BUSY/i.test(message)) {
      console.error(
        "Error: the database stayed locked by another process for more than 5 s; try again.",
      );
    } else if (message.startsWith("Invalid environment")) {
      console.error(message);
    } else {
      // A bug, not an obstacle: the stack is what a report needs.
      console.error(error);
    }
  }
}
