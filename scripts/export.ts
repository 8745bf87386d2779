/**
 * Writes every article as `<dir>/<slug>.md`: front matter (title, slug, kind, visibility, tags,
 * updated, owner, review) and the Markdown body with internal notes fenced:
 *   npm run export -- <dir>
 */
import path from "node:path";

import cliProgress from "cli-progress";

import { bootDatabase } from "../app/boot.server.ts";
import { exportArticlesToDirectory } from "../app/models/markdown-io.server.ts";
import { prisma } from "../app/utils/db.server.ts";

import { parseCommandLine, runTool } from "./cli.ts";

const usage = `Usage: npm run export -- <dir>

Writes every article as <dir>/<slug>.md, in the format npm run import reads.`;

const { positionals } = parseCommandLine(usage, {}, { min: 1, max: 1 });

await runTool(async () => {
  const dir = path.resolve(positionals[0] ?? "");
  await bootDatabase(() => {});
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: "Exporting [{bar}] {value}/{total} {file}", clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { file: "" });
  const written = await exportArticlesToDirectory(dir, (done, total, file) => {
    bar.setTotal(total);
    bar.update(done, { file });
  }).finally(() => bar.stop());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Exported ${written} article(s) to ${dir} in ${seconds} s.`);
  await prisma.$disconnect();
});
