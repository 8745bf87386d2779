/** The command-line tools run as users run them, for tests beside a running app. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run <script>` as a user would (tsx on the script) on the data folder `dataDir`, with
 * no engine or database address of this test process; never throws on exit codes.
 */
export async function cli(
  script: string,
  args: string[],
  dataDir: string,
  timeout = 60_000,
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, LAGEBILD_DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "MEILI_API_KEY"]) {
    delete env[key];
  }
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      env,
      timeout,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
