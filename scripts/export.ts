/**
 * Writes every article as `<dir>/<slug>.md`: front matter (title, slug, kind, visibility, tags,
 * updated, owner, review) and the Markdown body with internal notes as `:::internal` fences.
 *   npm run export -- <dir>
 */
import path from "node:path";

import cliProgress from "cli-progress";

import { bootDatabase } from "../app/boot.server.ts";
import { exportArticlesToDirectory } from "../app/models/markdown-io.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const [dir, ...rest] = process.argv.slice(2);
if (!dir || rest.length) {
  console.error("Usage: npm run export -- <dir>");
  process.exit(2);
}

await bootDatabase();
const started = performance.now();
const bar = new cliProgress.SingleBar(
  { format: "Exporting [{bar}] {value}/{total} {file}", clearOnComplete: true },
  cliProgress.Presets.shades_classic,
);
bar.start(0, 0, { file: "" });
const written = await exportArticlesToDirectory(path.resolve(dir), (done, total, file) => {
  bar.setTotal(total);
  bar.update(done, { file });
});
bar.stop();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Exported ${written} article(s) to ${path.resolve(dir)} in ${seconds} s.`);
await prisma.$disconnect();
