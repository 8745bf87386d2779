/**
 * Rebuilds both search indexes from the database into fresh indexes and swaps them in, so search
 * keeps answering from the old ones meanwhile:
 *   npm run reindex
 * Uses MEILI_HOST when set, else starts the bundled Meilisearch on the data directory.
 */
import cliProgress from "cli-progress";

import { bootDatabase, bootSearch } from "../app/boot.server.ts";
import { reindexAllArticles } from "../app/models/search.server.ts";
import { prisma } from "../app/utils/db.server.ts";

await bootDatabase(() => {});
const search = await bootSearch();
if (!search.ready) {
  console.error("Search is not reachable: nothing was reindexed.");
  await search.embedded?.stop();
  process.exit(1);
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
console.log(
  `Reindexed in ${((performance.now() - started) / 1000).toFixed(1)} s; the new indexes are live.`,
);
