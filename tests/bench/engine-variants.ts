/**
 * What each part of the search page's engine request costs on the cached 10k corpus
 * (`npx tsx tests/bench/engine-variants.ts <corpus dir>`, the folder `npm run bench -- search`
 * prints): exhaustive article totals, facets and the language sort, one at a time. Medians of
 * 10 queries × 3, after a warm-up round.
 */
import { startEmbeddedMeilisearch } from "../../search/embedded.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("Usage: tsx tests/bench/engine-variants.ts <corpus dir>");
const meili = await startEmbeddedMeilisearch({ dataDir });
const h = {
  authorization: `Bearer ${meili.masterKey}`,
  "content-type": "application/json",
  "accept-encoding": "identity",
};
const idx = (await (await fetch(`${meili.host}/indexes`, { headers: h })).json()) as {
  results: { uid: string }[];
};
const staff = idx.results.map((r) => r.uid).find((u) => u.endsWith("articles"))!;
console.log(
  "indexes",
  idx.results.map((r) => r.uid),
);
const qs = [
  "router neustart",
  "rechnung",
  "esim aktivieren",
  "netzstörung münchen",
  "roaming",
  "vertrag kündigen",
  "dropped calls",
  "apn",
  "mailbox",
  "drosselung",
];
const base = {
  q: "",
  attributesToRetrieve: [
    "articleId",
    "slug",
    "kind",
    "visibility",
    "tags",
    "updatedAt",
    "reviewAt",
    "lang",
    "incidentStatus",
  ],
  attributesToHighlight: ["title", "heading", "text"],
  attributesToCrop: ["text"],
  cropLength: 28,
};
const facets = ["kind", "tags", "visibility", "incidentStatus"];
const variants: Record<string, object> = {
  full: { ...base, hitsPerPage: 20, page: 1, facets, sort: ["lang:asc"] },
  noFacets: { ...base, hitsPerPage: 20, page: 1, sort: ["lang:asc"] },
  limitOffset: { ...base, limit: 20, facets, sort: ["lang:asc"] },
  noSort: { ...base, hitsPerPage: 20, page: 1, facets },
  limitNoSort: { ...base, limit: 20, facets },
  limitNoSortNoFacets: { ...base, limit: 20 },
  countOnly: { q: "", hitsPerPage: 0, filter: ["reviewAt < 1"] },
};
for (let round = 0; round < 2; round++)
  for (const [name, body] of Object.entries(variants)) {
    const times: number[] = [];
    for (const q of qs)
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await (
          await fetch(`${meili.host}/indexes/${staff}/search`, {
            method: "POST",
            headers: h,
            body: JSON.stringify({ ...body, q }),
          })
        ).json();
        times.push(performance.now() - t);
      }
    times.sort((a, b) => a - b);
    if (round)
      console.log(
        name.padEnd(22),
        "p50",
        times[Math.floor(times.length / 2)]!.toFixed(1),
        "p95",
        times[Math.floor(times.length * 0.95)]!.toFixed(1),
      );
  }
await meili.stop();
