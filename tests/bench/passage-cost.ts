/**
 * Raw engine cost of one results page, whole-body documents (before decision 012) against
 * passages (after), over the same generated articles in one Meilisearch, side by side:
 * `npx tsx tests/bench/passage-cost.ts [articles]`. Reports medians and p95 of the HTTP call.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { markdownToContent } from "../../app/editor/content.server.ts";
import { createSearchClient } from "../../search/client.ts";
import { documentsFor } from "../../search/documents.ts";
import { startEmbeddedMeilisearch } from "../../search/embedded.ts";
import { indexAliases } from "../../search/german.ts";
import { articleIndexSettings } from "../../search/settings.ts";

const count = Number(process.argv[2] ?? 2000);
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
const words = (
  "Vertrag Kündigung Rechnung Tarif Roaming Netzstörung Router eSIM Aktivierung Datenvolumen " +
  "Mobilfunk Festnetz Anschluss Techniker Termin Kunde Gutschrift Sperre PIN PUK Portierung " +
  "contract invoice tariff outage router activation data volume landline customer refund " +
  "der die das und nicht mit für bei the and with for you your is to of"
).split(" ");
const headings = ["Voraussetzungen", "Ablauf", "Kosten", "Fehlerbilder", "Eskalation", "Hinweise"];
const sentence = () =>
  `${Array.from({ length: 8 + Math.floor(random() * 10) }, () => pick(words)).join(" ")}.`;
const section = (heading: string) =>
  `## ${heading}\n\n${Array.from({ length: 8 }, sentence).join(" ")}`;

const dir = await mkdtemp(path.join(os.tmpdir(), "lagebild-passage-bench-"));
const meili = await startEmbeddedMeilisearch({ dataDir: dir });
const client = createSearchClient({ host: meili.host, apiKey: meili.masterKey });
try {
  const wholeDocs = [];
  const passageDocs = [];
  for (let i = 0; i < count; i++) {
    const title = `${pick(words)} ${pick(words)} ${pick(headings)} ${i}`;
    const body = [sentence(), ...headings.slice(0, 5).map(section)].join("\n\n");
    const content = markdownToContent(body);
    const text = body.replace(/## /g, "");
    const article = {
      id: `a${i}`,
      slug: `a-${i}`,
      title,
      kind: pick(["howto", "faq", "incident"]),
      visibility: "internal",
      tags: [pick(["router", "esim", "rechnung", "roaming"])],
      body: content,
      bodyText: text,
      publicText: text,
      updatedAt: new Date(1_700_000_000_000 + i),
      reviewAt: null,
      incidentStatus: null,
      keywords: [],
    };
    passageDocs.push(...documentsFor(article).staff);
    wholeDocs.push({
      id: article.id,
      slug: article.slug,
      title,
      kind: article.kind,
      visibility: "internal",
      tags: article.tags,
      body: text,
      aliases: indexAliases(text),
      lang: "de",
      updatedAt: article.updatedAt.getTime(),
      reviewAt: null,
    });
  }
  const wordsPerBody = wholeDocs.reduce((sum, d) => sum + d.body.split(/\s+/).length, 0) / count;
  console.log(
    `${count} articles, ${Math.round(wordsPerBody)} words each; ${passageDocs.length} passages`,
  );
  const wait = { timeout: 600_000, interval: 200 };
  await client.createIndex("whole", { primaryKey: "id" }).waitTask(wait);
  await client.createIndex("passages", { primaryKey: "id" }).waitTask(wait);
  await client
    .index("whole")
    .updateSettings({
      ...articleIndexSettings,
      searchableAttributes: ["title", "tags", "body", "aliases"],
      displayedAttributes: ["id", "slug", "title", "kind", "visibility", "tags", "body"],
      distinctAttribute: null,
      faceting: undefined,
    })
    .waitTask(wait);
  await client.index("passages").updateSettings(articleIndexSettings).waitTask(wait);
  await client.index("whole").addDocuments(wholeDocs).waitTask(wait);
  await client.index("passages").addDocuments(passageDocs).waitTask(wait);

  const queries = [
    "router",
    "vertrag kundigung",
    "esim aktivierung",
    "netzstorung",
    "tarif",
    "rechnung gutschrift",
    "roaming",
    "datenvolumen",
    "portierung termin",
    "invoice refund",
  ];
  const marks = { highlightPreTag: "\uE000", highlightPostTag: "\uE001" };
  const variants = {
    "whole bodies (before): crop body": (q: string) =>
      client.index("whole").search(q, {
        limit: 20,
        attributesToRetrieve: ["slug", "kind", "visibility", "tags"],
        attributesToHighlight: ["title"],
        attributesToCrop: ["body"],
        cropLength: 28,
        ...marks,
      }),
    // The same features on whole bodies: what the page would cost without passages.
    "whole bodies, the page's features (facets, exact total)": (q: string) =>
      client.index("whole").search(q, {
        hitsPerPage: 20,
        page: 1,
        facets: ["kind", "tags", "visibility"],
        attributesToRetrieve: ["slug", "kind", "visibility", "tags"],
        attributesToHighlight: ["title", "body"],
        attributesToCrop: ["body"],
        cropLength: 28,
        ...marks,
      }),
    "passages (after): crop + highlight text, no facets": (q: string) =>
      client.index("passages").search(q, {
        limit: 20,
        attributesToRetrieve: ["articleId", "slug", "kind", "visibility", "tags"],
        attributesToHighlight: ["title", "heading", "text"],
        attributesToCrop: ["text"],
        cropLength: 28,
        ...marks,
      }),
    // What searchArticles sends for an unfiltered staff search (decision note 015).
    "passages (after): the app's one query (facets, review, pins, exact total)": (q: string) =>
      client.index("passages").search(q, {
        hitsPerPage: 20,
        page: 1,
        facets: ["kind", "tags", "visibility", "reviewState", "incidentStatus", "activeIncidentId"],
        attributesToRetrieve: ["articleId", "slug", "kind", "visibility", "tags"],
        attributesToHighlight: ["title", "heading", "text"],
        attributesToCrop: ["text"],
        cropLength: 28,
        sort: ["lang:asc"],
        ...marks,
      }),
  };
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  for (let round = 0; round < 30; round++) {
    for (const q of queries) {
      for (const [name, run] of Object.entries(variants)) {
        const start = performance.now();
        await run(q);
        samples[name]!.push(performance.now() - start);
      }
    }
  }
  const quantile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;
  const base = quantile(samples[Object.keys(variants)[0]!]!, 0.5);
  console.log("Raw engine call of a results page (HTTP, identity encoding), p50 / p95:");
  for (const [name, values] of Object.entries(samples)) {
    const p50 = quantile(values, 0.5);
    console.log(
      `  ${name.padEnd(70)} ${p50.toFixed(2)} ms / ${quantile(values, 0.95).toFixed(2)} ms  ${(p50 / base).toFixed(2)}×`,
    );
  }
} finally {
  await meili.stop();
  await rm(dir, { recursive: true, force: true });
}
