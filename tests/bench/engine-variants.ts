/**
 * What the next step for the search's engine cost would buy (decision note 015), on a copy of the
 * cached 10k corpus: `npx tsx tests/bench/engine-variants.ts <corpus dir>` (the folder
 * `npm run bench -- search` prints). Compares the app's one query (passages, page-based: exact
 * article totals and facets, which make the engine apply distinct to every candidate) with a
 * hybrid: the 20 hits from the passages in offset mode, the totals and facets from an index of
 * whole articles (one document each, so no distinct). Checks that both count alike. p50/p95/p99
 * of the HTTP multi-search over the bench queries × 4 rounds, after a warm-up round.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { MultiSearchQuery } from "meilisearch";

import { createSearchClient } from "../../search/client.ts";
import type { ArticleDoc } from "../../search/documents.ts";
import { startEmbeddedMeilisearch } from "../../search/embedded.ts";
import { prepareQuery } from "../../search/german.ts";

import { benchQueries } from "./search.ts";

/**
 * Whether two facet distributions count alike. Each lists at most maxValuesPerFacet values by
 * count, so values tied at the cut-off may differ; every value above it must match.
 */
function sameCounts(a: Record<string, number>, b: Record<string, number>) {
  const floor = Math.max(Math.min(...Object.values(a)), Math.min(...Object.values(b)));
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key] || Math.max(a[key] ?? 0, b[key] ?? 0) <= floor);
}

const corpus = process.argv[2];
if (!corpus) throw new Error("Usage: tsx tests/bench/engine-variants.ts <corpus dir>");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-engine-variants-"));
await cp(path.join(corpus, "meilisearch"), path.join(dataDir, "meilisearch"), { recursive: true });
const meili = await startEmbeddedMeilisearch({ dataDir });
try {
  const client = createSearchClient({ host: meili.host, apiKey: meili.masterKey });
  const { results: indexes } = await client.getIndexes();
  const passagesUid = indexes.map((index) => index.uid).find((uid) => uid.endsWith("articles"))!;
  const passages = client.index<ArticleDoc>(passagesUid);
  const whole = new Map<string, ArticleDoc>();
  for (let offset = 0; ; offset += 5000) {
    const page = await passages.getDocuments({ offset, limit: 5000 });
    for (const doc of page.results) {
      const article = whole.get(doc.articleId) ?? {
        ...doc,
        id: doc.articleId,
        heading: "",
        text: "",
        aliases: "",
      };
      article.text += ` ${doc.heading} ${doc.text}`;
      article.aliases += ` ${doc.aliases}`;
      whole.set(doc.articleId, article);
    }
    if (page.results.length < 5000) break;
  }
  const wait = { timeout: 600_000, interval: 200 };
  await client.createIndex("whole", { primaryKey: "id" }).waitTask(wait);
  const settings = await passages.getSettings();
  await client
    .index("whole")
    .updateSettings({ ...settings, distinctAttribute: null })
    .waitTask(wait);
  await client
    .index("whole")
    .addDocuments([...whole.values()])
    .waitTask(wait);
  console.log(`${whole.size} articles as whole documents beside their passages`);

  const facets = [
    "kind",
    "tags",
    "visibility",
    "reviewState",
    "incidentStatus",
    "activeIncidentId",
  ];
  const hits = (q: string) => ({
    indexUid: passagesUid,
    q,
    attributesToRetrieve: ["articleId", "slug", "kind", "visibility", "tags", "updatedAt"],
    attributesToHighlight: ["title", "heading", "text"],
    attributesToCrop: ["text"],
    cropLength: 28,
    sort: ["lang:asc"],
  });
  const variants: Record<string, (q: string) => MultiSearchQuery[]> = {
    "the app's one query (passages, page-based)": (q) => [
      { ...hits(q), hitsPerPage: 20, page: 1, facets },
    ],
    "hybrid: passage hits + whole-article counts": (q) => [
      { ...hits(q), limit: 20 },
      { indexUid: "whole", q, hitsPerPage: 0, page: 1, facets },
    ],
  };
  const [current, hybrid] = Object.values(variants);
  const times = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
  let agree = 0;
  for (let round = 0; round <= 4; round++) {
    for (const typed of benchQueries) {
      const q = prepareQuery(typed);
      for (const [name, queries] of Object.entries(variants)) {
        const start = performance.now();
        await client.multiSearch({ queries: queries(q) });
        if (round) times.get(name)!.push(performance.now() - start);
      }
      if (round !== 1) continue;
      const one = (await client.multiSearch({ queries: current!(q) })).results[0]!;
      const counted = (await client.multiSearch({ queries: hybrid!(q) })).results[1]!;
      const differing = facets.filter(
        (facet) =>
          !sameCounts(
            one.facetDistribution?.[facet] ?? {},
            counted.facetDistribution?.[facet] ?? {},
          ),
      );
      if (one.totalHits === counted.totalHits && !differing.length) agree++;
      else
        console.log(`  "${typed}": ${one.totalHits} / ${counted.totalHits} ${differing.join(" ")}`);
    }
  }
  const quantile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1]!;
  console.log(`Totals and facet counts agree for ${agree} of ${benchQueries.length} queries.`);
  console.log("HTTP multi-search, ms: p50 / p95 / p99");
  for (const [name, values] of times) {
    const figures = [0.5, 0.95, 0.99].map((p) => quantile(values, p).toFixed(1));
    console.log(`  ${name.padEnd(46)} ${figures.join(" / ")}`);
  }
} finally {
  await meili.stop();
  await rm(dataDir, { recursive: true, force: true });
}
