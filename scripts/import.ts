/**
 * Imports a folder of Markdown files with front matter (title, optional slug, kind, visibility,
 * tags, owner, review) as articles; a bad file is reported and skipped, never stops the run:
 *   npm run import -- <dir> [--user <email>]
 * Works beside a running app on the same data folder: its search engine indexes the changes.
 * Exits with 1 when a file failed (after importing all the others).
 */
import path from "node:path";

import cliProgress from "cli-progress";

import { bootDatabase, bootSearch } from "../app/boot.server.ts";
import { can } from "../app/models/capabilities.ts";
import { findImportUser, importMarkdownDirectory } from "../app/models/markdown-io.server.ts";
import { isRole } from "../app/models/roles.ts";
import { prisma } from "../app/utils/db.server.ts";

import { parseCommandLine, runTool } from "./cli.ts";

const usage = `Usage: npm run import -- <dir> [--user <email>]

Imports every *.md file below <dir> as an article (created, updated or unchanged by slug).
  --user <email>  record the changes under this user (default: the first active admin)`;

const { values, positionals } = parseCommandLine(
  usage,
  { user: { type: "string" } },
  { min: 1, max: 1 },
);

await runTool(async () => {
  const dir = path.resolve(positionals[0] ?? "");
  await bootDatabase(() => {});
  const user = await findImportUser(values.user);
  if (!user) {
    console.error(
      values.user
        ? `No active user with the email ${values.user}.`
        : "No active admin to record the import under: create one (npm run user:create) or pass --user.",
    );
    return 2;
  }
  if (!isRole(user.role) || !can(user.role, "article:write")) {
    console.error(
      `${user.email} (${user.role}) may not write articles: pass an engineer or above.`,
    );
    return 2;
  }

  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: "Importing [{bar}] {value}/{total} {file}", clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { file: "" });
  const summary = await importMarkdownDirectory(dir, {
    actor: { id: user.id, role: user.role },
    onProgress: (done, total, file) => {
      bar.setTotal(total);
      bar.update(done, { file });
    },
  }).finally(() => bar.stop());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  console.log(`Imported ${dir} as ${user.email} in ${seconds} s:`);
  console.log(`  created:   ${summary.created.length}`);
  console.log(`  updated:   ${summary.updated.length}`);
  console.log(`  unchanged: ${summary.unchanged.length}`);
  console.log(`  failed:    ${summary.failed.length}`);
  for (const failure of summary.failed) console.log(`    ${failure.file}: ${failure.message}`);
  for (const warning of summary.warnings)
    console.log(`  note: ${warning.file}: ${warning.message}`);

  // Never a second engine on the app's files: the running app's, or its outbox later.
  await bootSearch(console.log, "reuse-only");
  await prisma.$disconnect();
  return summary.failed.length ? 1 : 0;
});
