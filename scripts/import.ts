/**
 * Imports a folder of Markdown files with front matter (title, optional slug, kind, visibility,
 * tags, owner, review) as articles; a bad file is reported and skipped, never stops the run:
 *   npm run import -- <dir> [--user <email>]
 * Changes are recorded under --user, else the first admin; the search index is updated after.
 * Exits with 1 when a file failed (after importing all the others).
 */
import path from "node:path";
import { parseArgs } from "node:util";

import cliProgress from "cli-progress";

import { bootDatabase, bootSearch } from "../app/boot.server.ts";
import { can } from "../app/models/capabilities.ts";
import { findImportUser, importMarkdownDirectory } from "../app/models/markdown-io.server.ts";
import { isRole } from "../app/models/roles.ts";
import { drainSearchOutbox } from "../app/models/search.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const { values, positionals } = parseArgs({
  options: { user: { type: "string" } },
  allowPositionals: true,
});
const [dir] = positionals;
if (!dir || positionals.length > 1) {
  console.error("Usage: npm run import -- <dir> [--user <email>]");
  process.exit(2);
}

await bootDatabase();
const user = await findImportUser(values.user);
if (!user) {
  console.error(
    values.user
      ? `No active user with the email ${values.user}.`
      : "No active admin to record the import under: create one (npm run user:create) or pass --user.",
  );
  process.exit(2);
}
if (!isRole(user.role) || !can(user.role, "article:write")) {
  console.error(`${user.email} (${user.role}) may not write articles: pass an engineer or above.`);
  process.exit(2);
}
const search = await bootSearch();

const started = performance.now();
const bar = new cliProgress.SingleBar(
  { format: "Importing [{bar}] {value}/{total} {file}", clearOnComplete: true },
  cliProgress.Presets.shades_classic,
);
bar.start(0, 0, { file: "" });
const summary = await importMarkdownDirectory(path.resolve(dir), {
  actor: { id: user.id, role: user.role },
  onProgress: (done, total, file) => {
    bar.setTotal(total);
    bar.update(done, { file });
  },
});
bar.stop();
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(`Imported ${path.resolve(dir)} as ${user.email} in ${seconds} s:`);
console.log(`  created:   ${summary.created.length}`);
console.log(`  updated:   ${summary.updated.length}`);
console.log(`  unchanged: ${summary.unchanged.length}`);
console.log(`  failed:    ${summary.failed.length}`);
for (const failure of summary.failed) console.log(`    ${failure.file}: ${failure.message}`);
for (const warning of summary.warnings) console.log(`  note: ${warning.file}: ${warning.message}`);

if (search.ready) {
  const indexed = await drainSearchOutbox();
  console.log(`Search: indexed ${indexed} change(s).`);
} else {
  console.log("Search: not reachable; the running app indexes the changes when it is.");
}
await search.embedded?.stop();
await prisma.$disconnect();
process.exitCode = summary.failed.length ? 1 : 0;
