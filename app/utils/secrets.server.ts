import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { getEnv } from "./env.server.ts";

let sessionSecret: string | undefined;

/** SESSION_SECRET, or a secret generated once into the data directory and reused after. */
export function getSessionSecret(): string {
  if (sessionSecret) return sessionSecret;
  const env = getEnv();
  if (env.SESSION_SECRET) return (sessionSecret = env.SESSION_SECRET);
  const file = path.join(env.dataDir, "session-secret");
  try {
    sessionSecret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.dataDir, { recursive: true });
    sessionSecret = randomBytes(32).toString("base64url");
    // "wx": if two processes race, the loser re-reads the winner's secret.
    try {
      writeFileSync(file, `${sessionSecret}\n`, { mode: 0o600, flag: "wx" });
    } catch {
      sessionSecret = readFileSync(file, "utf8").trim();
    }
  }
  return sessionSecret;
}
