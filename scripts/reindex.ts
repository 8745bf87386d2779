/**
 * Rebuilds both search indexes from the database into fresh indexes and swaps them in, so search
 * keeps answering from the old ones meanwhile:
 *   npm run reindex
 * Uses MEILI_HOST when set, else the running app's Meilisearch, else starts the bundled one.
 */
import cliProgress from "cli-progress";

import { bootDatabase, bootSearch } from "../app/boot.server.ts";
import { reindexAllArticles } from "../app/models/search.server.ts";
import { prisma } from "../app/utils/db.server.ts";

import { parseCommandLine, runTool } from "./cli.ts";

parseCommandLine(
  `Usage: npm run reindex

Rebuilds the search indexes from the database into fresh ones, then swaps them in.`,
  {},
);

await runTool(async () => {
  await bootDatabase(() => {});
  const search = await bootSearch(console.log, "reuse-or-start");
  if (!search.ready) {
    console.error("Search is not reachable: nothing was reindexed.");
    await search.embedded?.stop();
    return 1;
  }
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: "Reindexing [{bar}] {value}/{total} articles", clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0);
  try {
    await reindexAllArticles((done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
  } finally {
    bar.stop();
    await search.embedded?.stop();
    await prisma.$disconnect();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Reindexed in ${seconds} s; the new indexes are live.`);
});
